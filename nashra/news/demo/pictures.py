"""Draws the demo's pictures with Pillow, so every image in the demo is original.

Each motif is a simple composition in the article's palette; the same key always draws the
same picture (the random generator is seeded from it).
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 900


def _hex(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, t):
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


def _sky(draw, top, bottom):
    for y in range(HEIGHT):
        draw.line([(0, y), (WIDTH, y)], fill=_mix(top, bottom, y / HEIGHT))


def _harbour(draw, rnd, c):
    _sky(draw, c[2], c[1])
    draw.ellipse([1100, 180, 1320, 400], fill=_mix(c[1], (255, 255, 255), 0.5))
    for i in range(14):
        y = 560 + i * 24
        draw.rectangle([0, y, WIDTH, y + 24], fill=_mix(c[0], c[2], i / 30))
    for _ in range(7):
        x = rnd.randint(80, 1450)
        draw.polygon([(x, 600), (x + 140, 600), (x + 110, 650), (x + 30, 650)], fill=c[0])
        draw.line([(x + 70, 600), (x + 70, 470)], fill=c[0], width=6)
        draw.polygon(
            [(x + 74, 480), (x + 74, 590), (x + 150, 590)], fill=_mix(c[2], (255, 255, 255), 0.6)
        )
    for x in range(0, WIDTH, 120):
        h = rnd.randint(60, 160)
        draw.rectangle([x, 560 - h, x + 90, 560], fill=_mix(c[0], c[1], 0.25))


def _skyline(draw, rnd, c):
    _sky(draw, c[1], c[2])
    x = 0
    while x < WIDTH:
        w = rnd.randint(70, 160)
        h = rnd.randint(200, 620)
        draw.rectangle(
            [x, HEIGHT - h, x + w, HEIGHT], fill=_mix(c[0], (0, 0, 0), rnd.random() * 0.3)
        )
        for wy in range(HEIGHT - h + 20, HEIGHT - 20, 36):
            for wx in range(x + 12, x + w - 16, 28):
                if rnd.random() < 0.45:
                    draw.rectangle(
                        [wx, wy, wx + 12, wy + 18], fill=_mix(c[1], (255, 255, 255), 0.4)
                    )
        x += w + rnd.randint(4, 20)


def _market(draw, rnd, c):
    _sky(draw, c[2], _mix(c[2], c[1], 0.4))
    for i in range(6):
        x = 40 + i * 260
        draw.polygon([(x, 300), (x + 240, 300), (x + 200, 200), (x + 40, 200)], fill=c[i % 2])
        draw.rectangle([x + 10, 300, x + 230, 620], fill=_mix(c[0], c[2], 0.55))
        for _ in range(12):
            cx, cy = rnd.randint(x + 30, x + 210), rnd.randint(330, 600)
            draw.ellipse([cx - 18, cy - 18, cx + 18, cy + 18], fill=_mix(c[1], c[0], rnd.random()))
    draw.rectangle([0, 620, WIDTH, HEIGHT], fill=_mix(c[0], (40, 40, 40), 0.5))


def _waves(draw, rnd, c):
    _sky(draw, c[2], c[0])
    for band in range(12):
        base = 250 + band * 55
        colour = _mix(c[0], c[1], band / 14)
        points = [(0, HEIGHT)]
        for x in range(0, WIDTH + 20, 20):
            points.append((x, base + 30 * math.sin(x / (90 + band * 7) + band)))
        points.append((WIDTH, HEIGHT))
        draw.polygon(points, fill=colour)


def _grid(draw, rnd, c):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=c[2])
    for gx in range(0, WIDTH, 100):
        for gy in range(0, HEIGHT, 100):
            pick = rnd.random()
            fill = c[0] if pick < 0.3 else c[1] if pick < 0.45 else _mix(c[2], c[0], 0.12)
            draw.rectangle([gx + 6, gy + 6, gx + 94, gy + 94], fill=fill)


def _sun(draw, rnd, c):
    _sky(draw, c[1], c[2])
    draw.ellipse([600, 200, 1000, 600], fill=_mix(c[1], (255, 255, 255), 0.55))
    for i in range(24):
        angle = i * math.pi / 12
        draw.line(
            [
                (800 + 230 * math.cos(angle), 400 + 230 * math.sin(angle)),
                (800 + 330 * math.cos(angle), 400 + 330 * math.sin(angle)),
            ],
            fill=_mix(c[1], (255, 255, 255), 0.3),
            width=10,
        )
    draw.rectangle([0, 640, WIDTH, HEIGHT], fill=c[0])


def _hills(draw, rnd, c):
    _sky(draw, c[2], _mix(c[2], c[1], 0.5))
    for layer in range(5):
        colour = _mix(c[0], c[1], layer / 6)
        points = [(0, HEIGHT)]
        phase = rnd.random() * 6
        for x in range(0, WIDTH + 40, 40):
            points.append((x, 380 + layer * 90 + 70 * math.sin(x / 260 + phase)))
        points.append((WIDTH, HEIGHT))
        draw.polygon(points, fill=colour)


def _crowd(draw, rnd, c):
    _sky(draw, c[2], _mix(c[2], c[0], 0.3))
    for row in range(6):
        for _ in range(26):
            x = rnd.randint(-40, WIDTH)
            y = 380 + row * 90 + rnd.randint(-20, 20)
            colour = _mix(c[row % 2], (30, 30, 30), rnd.random() * 0.5)
            draw.ellipse([x, y, x + 60, y + 60], fill=colour)
            draw.rounded_rectangle([x - 20, y + 62, x + 80, y + 220], radius=40, fill=colour)


def _chart(draw, rnd, c):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=c[2])
    for y in range(150, 800, 100):
        draw.line([(120, y), (1500, y)], fill=_mix(c[2], c[0], 0.2), width=2)
    value = 500
    points = []
    for i in range(24):
        x = 140 + i * 58
        value = max(200, min(760, value + rnd.randint(-70, 60)))
        draw.rectangle([x, value, x + 36, 800], fill=_mix(c[0], c[2], 0.35))
        points.append((x + 18, value - 20))
    draw.line(points, fill=c[1], width=10, joint="curve")


def _lamp(draw, rnd, c):
    _sky(draw, _mix(c[0], (0, 0, 0), 0.5), c[0])
    for x in (300, 800, 1300):
        draw.rectangle([x - 8, 300, x + 8, HEIGHT], fill=_mix(c[2], (0, 0, 0), 0.6))
        draw.ellipse([x - 160, 140, x + 160, 460], fill=_mix(c[1], c[0], 0.6))
        draw.ellipse([x - 40, 260, x + 40, 340], fill=_mix(c[1], (255, 255, 255), 0.5))


MOTIFS = {
    "harbour": _harbour,
    "skyline": _skyline,
    "market": _market,
    "waves": _waves,
    "grid": _grid,
    "sun": _sun,
    "hills": _hills,
    "crowd": _crowd,
    "chart": _chart,
    "lamp": _lamp,
}


def draw_picture(key, motif, palette):
    """Return JPEG bytes of a 1600x900 picture for an article."""
    rnd = random.Random(key)
    colours = [_hex(p) for p in palette]
    img = Image.new("RGB", (WIDTH, HEIGHT))
    MOTIFS.get(motif, _grid)(ImageDraw.Draw(img), rnd, colours)
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()


def draw_portrait(key, colour):
    """Return PNG bytes of a head-and-shoulders silhouette on a coloured ground."""
    base = _hex(colour)
    img = Image.new("RGB", (480, 480), _mix(base, (255, 255, 255), 0.75))
    draw = ImageDraw.Draw(img)
    figure = _mix(base, (0, 0, 0), 0.15)
    draw.ellipse([160, 90, 320, 260], fill=figure)
    draw.pieslice([70, 270, 410, 640], 180, 360, fill=figure)
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()
