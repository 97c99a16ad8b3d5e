// The reference the load benchmark measures Pictor against: AWS's Serverless Image Handler engine, sharp (libvips),
// answering the benchmark's Thumbor URLs with the same semantics, reading the original from disk on every request
// and caching nothing. Usage: node sharp-server.mjs <images-dir> <port>
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

const [, , dir, port] = process.argv;
sharp.cache(false);

const pattern = /^\/unsafe\/(fit-in\/)?(\d+)x(\d+)\/(smart\/)?(?:filters:([^/]*)\/)?(.+)$/;

async function render(url) {
  const m = pattern.exec(decodeURIComponent(url));
  if (!m) return null;
  const [, fitIn, w, h, smart, filters = '', key] = m;
  const input = await readFile(path.join(dir, path.basename(key)));
  let image = sharp(input).rotate();
  image = fitIn
    ? image.resize(+w, +h, { fit: 'inside', withoutEnlargement: true })
    : image.resize(+w, +h, { fit: 'cover', position: smart ? 'attention' : 'centre' });
  let format = 'jpeg';
  let quality = 80;
  for (const [, name, arg] of filters.matchAll(/(\w+)\(([^)]*)\)/g)) {
    if (name === 'grayscale') image = image.grayscale();
    else if (name === 'blur') image = image.blur(Number(arg));
    else if (name === 'format') format = arg === 'jpg' ? 'jpeg' : arg;
    else if (name === 'quality') quality = Number(arg);
  }
  image = format === 'webp' ? image.webp({ quality })
    : format === 'avif' ? image.avif({ quality }) : image.jpeg({ quality });
  return { body: await image.toBuffer(), type: `image/${format}` };
}

http.createServer(async (req, res) => {
  try {
    const out = await render(req.url);
    if (!out) {
      res.writeHead(400).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': out.type, 'Content-Length': out.body.length }).end(out.body);
  } catch (e) {
    res.writeHead(500).end(String(e));
  }
}).listen(Number(port), '127.0.0.1');
