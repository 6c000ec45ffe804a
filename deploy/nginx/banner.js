// The breaking banner in the front cache's keys (nashra.news.breaking): each edition's banner
// version sits in a small file, banner-<edition>, that the app writes with
// `PUT /_nashra_banner/<edition>?v=<version>` whenever the banner changes (and every minute).
// Every page of /<edition>/ is cached under it, so a change reaches every cached page at once;
// a version "<token>@<unix time>" changes by itself when that time passes (the expiry).
import fs from 'fs';

const EDITION = /^\/([a-z]{2})\//;
const STATE = /^\/_nashra_banner\/([a-z]{2})$/;
const VALUE = /^[0-9a-f]{1,64}(@[0-9]{1,12})?$/;

function fresh() {
    return (Math.random().toString(16).slice(2) + Date.now().toString(16)).slice(0, 32);
}

function write(file, value) {
    const temporary = file + '.' + fresh();
    try {
        fs.writeFileSync(temporary, value);
    } catch (e) {
        if (e.code !== 'ENOENT') {
            throw e;
        }
        fs.mkdirSync(file.slice(0, file.lastIndexOf('/')));  // the first message: its directory
        fs.writeFileSync(temporary, value);
    }
    fs.renameSync(temporary, file);  // readers see the old file or the new one, never half
}

// js_set $nashra_banner: the key part of this request's edition ("" outside the editions).
function version(r) {
    const edition = EDITION.exec(r.uri);
    if (!edition) {
        return '';
    }
    const file = r.variables.nashra_state_dir + '/banner-' + edition[1];
    let value;
    try {
        value = fs.readFileSync(file, 'utf8');
    } catch (e) {
        if (e.code !== 'ENOENT') {
            r.error('nashra banner state ' + file + ' unreadable: ' + e);
            return '';
        }
        // Not told yet (a new server, a lost state directory): a new value, never one an
        // older copy was stored under. The app's next message replaces it.
        value = fresh();
        try {
            write(file, value);
        } catch (e2) {
            // Misconfigured (docs/operators/caching.md): pages are cached, banners not keyed.
            r.error('nashra banner state ' + file + ' not writable: ' + e2);
            return '';
        }
    }
    const at = value.indexOf('@');
    if (at > 0 && Date.now() >= Number(value.slice(at + 1)) * 1000) {
        return value + '~';
    }
    return value;
}

// PUT /_nashra_banner/<edition>?v=<version>, from the app servers only (nashra.conf).
function set(r) {
    const edition = STATE.exec(r.uri);
    const value = r.args.v || '';
    if (r.method !== 'PUT') {
        r.return(405, 'PUT only\n');
        return;
    }
    if (!edition || !VALUE.test(value)) {
        r.return(400, 'bad edition or version\n');
        return;
    }
    try {
        write(r.variables.nashra_state_dir + '/banner-' + edition[1], value);
    } catch (e) {
        r.error('nashra banner state for ' + edition[1] + ' not written: ' + e);
        r.return(500, 'not written\n');
        return;
    }
    r.return(200, 'banner ' + edition[1] + ' ' + value + '\n');
}

export default { version, set };
