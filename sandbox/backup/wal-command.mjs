// archive_command / restore_command of the sandbox's PostgreSQL servers, the stand-in for
// CNPG's `/controller/manager wal-archive|wal-restore`: it hands the WAL file to the
// sandbox's instance manager over loopback HTTP and exits 0 when that succeeded.
//   node wal-command.mjs archive|restore <url> <token> <namespace/pod> <%f> <%p>
// Plain JavaScript with node: modules only, so that it starts fast as the server's user.
import { Buffer } from 'node:buffer';
import { request } from 'node:http';
import process from 'node:process';
import { resolve } from 'node:path';

const [verb, url, token, instance, walName, walPath] = process.argv.slice(2);
const body = JSON.stringify({ instance, name: walName, path: resolve(walPath ?? '') });
const req = request(
  `${url}/${verb}`,
  {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    },
  },
  (res) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => (text += chunk));
    res.on('end', () => {
      if (res.statusCode === 200) process.exit(0);
      // 404 on restore: the file is not in the archive, which ends recovery normally.
      if (text) process.stderr.write(`wal-${verb} ${walName}: ${text}\n`);
      process.exit(res.statusCode === 404 ? 1 : 2);
    });
  },
);
req.on('error', (error) => {
  process.stderr.write(`wal-${verb} ${walName}: ${error.message}\n`);
  process.exit(2);
});
req.end(body);
