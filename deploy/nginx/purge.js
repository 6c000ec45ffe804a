// PURGE for the nginx front cache, without a third-party module: Wagtail's frontend-cache
// backend sends `PURGE <path>`; nashra.conf routes it here with the page's cache key, and we
// delete the cached file. nginx treats a missing file as a miss and stores the next response.
// File name = md5(key); directories follow `levels=1:2` (last hex char, then the two before).
import fs from 'fs';
import crypto from 'crypto';

function purge(r) {
    const key = r.variables.nashra_cache_key;
    const hash = crypto.createHash('md5').update(key).digest('hex');
    const file = [r.variables.nashra_cache_dir, hash.slice(-1), hash.slice(-3, -1), hash].join('/');
    try {
        fs.unlinkSync(file);
    } catch (e) {
        if (e.code === 'ENOENT') {
            r.return(404, 'not cached: ' + key + '\n');
            return;
        }
        r.error('nashra purge of ' + key + ' failed: ' + e);
        r.return(500, 'purge failed\n');
        return;
    }
    r.return(200, 'purged: ' + key + '\n');
}

export default { purge };
