// One cold start of the sharp reference, for cold-start.sh: a fresh Node process loads sharp, reads the JPEG, resizes
// it to 500x500 cover as sharp-server.mjs does (auto-orient, centre, JPEG quality 80, no cache), discards the bytes
// and exits. It prints when the script began, when sharp was loaded and when the image was encoded, in microseconds
// since the epoch, so that cold-start.sh can split the wall time it measures from outside.
// Usage: node cold-start-sharp.mjs <image.jpg>   (from a folder whose node_modules holds sharp)
import { readFile } from 'node:fs/promises';

const micros = () => Math.round((performance.timeOrigin + performance.now()) * 1000);
const entered = micros();
const { default: sharp } = await import('sharp');
sharp.cache(false);
const loaded = micros();
const input = await readFile(process.argv[2]);
const output = await sharp(input).rotate()
  .resize(500, 500, { fit: 'cover', position: 'centre' })
  .jpeg({ quality: 80 })
  .toBuffer();
const answered = micros();
console.log(`COLDSTART main=${entered} built=${loaded} answered=${answered} bytes=${output.length} type=image/jpeg`);
