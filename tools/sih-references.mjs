// Makes the reference images for the Serverless Image Handler rows of render-urls.csv (golden names sih-*): each
// JSON request, or bare Thumbor path mapped as its thumbor-mapper.ts maps it, run through sharp the way the handler
// (v6.3.3, image-handler.ts) runs it: resize first, then every other edit in the order written, overlayWith and
// roundCrop by its own composites. Run once, when rows are added:
//   npm install --prefix /tmp/sharp sharp@0.35.5 && NODE_PATH=/tmp/sharp/node_modules node tools/sih-references.mjs
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const sharp = createRequire(import.meta.url)("sharp");
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const samples = path.join(root, "image-handler/src/main/resources/samples/images");
const golden = path.join(root, "image-handler/src/test/resources/golden");
const rows = fs.readFileSync(path.join(root, "image-handler/src/test/resources/cases/render-urls.csv"), "utf8")
  .split("\n").map((line) => line.split(" | "))
  .filter((r) => r[1]?.startsWith("json:") && r[6]?.startsWith("sih-") || r[6]?.startsWith("sih-t-"));

// SIH's Thumbor mapping (thumbor-mapper.ts), for the bare paths the rows use: sizes, fit-in and a few filters,
// applied in its order (filters sorted by name).
function thumborRequest(url) {
  const edits = {};
  const resize = () => (edits.resize ??= {});
  const dims = url.match(/\/((\d+x\d+)|(0x\d+))\//);
  if (dims) {
    const [w, h] = dims[1].split("x").map(Number);
    if (w === 0 || h === 0) resize().fit = "inside";
    resize().width = w || null;
    resize().height = h || null;
  }
  if (url.includes("fit-in")) resize().fit = "inside";
  const filters = (url.match(/filters(:[^)]*\))+/g) ?? []).flatMap((f) => f.split(":").slice(1)).sort();
  for (const filter of filters) {
    const [, name, value] = filter.match(/(.+)\((.*)\)/);
    if (name === "grayscale") edits.grayscale = true;
    else if (name === "blur") edits.blur = Number(value) / 2;
    else if (name === "rotate") edits.rotate = Number(value);
    else if (name === "format") edits.toFormat = value.replace("jpg", "jpeg");
    else if (name === "upscale") resize().fit = "inside";
    else if (name === "no_upscale") resize().withoutEnlargement = true;
    else if (name === "stretch") { if (resize().fit !== "inside") resize().fit = "fill"; }
    else if (name === "fill") Object.assign(resize(), { fit: "contain", background: `#${value}` });
    else throw new Error(`no mapping here for ${name}`);
  }
  return { key: url.split("/").pop(), edits };
}

async function overlay(image, spec, resize) {
  const base = await sharp(await image.clone().toBuffer()).metadata();
  const mark = sharp(fs.readFileSync(path.join(samples, spec.key)));
  const size = { fit: "inside" };
  if (spec.wRatio) size.width = Math.floor((base.width * parseInt(spec.wRatio)) / 100);
  if (spec.hRatio) size.height = Math.floor((base.height * parseInt(spec.hRatio)) / 100);
  const alpha = spec.alpha ? parseInt(spec.alpha) : 0;
  const input = await mark.resize(size).composite([{ input: Buffer.from([255, 255, 255, 255 * (1 - alpha / 100)]),
    raw: { width: 1, height: 1, channels: 4 }, tile: true, blend: "dest-in" }]).png().toBuffer();
  const m = await sharp(input).metadata();
  const place = (v, whole, part) => {
    const s = `${v}`;
    const n = parseInt(s.replace("p", ""));
    if (s.endsWith("p")) return Math.floor(n < 0 ? whole + (whole * n) / 100 - part : (whole * n) / 100);
    return n < 0 ? whole + n - part : n;
  };
  return image.composite([{ input, left: place(spec.options.left, base.width, m.width),
    top: place(spec.options.top, base.height, m.height) }]);
}

async function roundCrop(image) {
  const { data, info } = await image.toBuffer({ resolveWithObject: true });
  const r = Math.min(info.width, info.height) / 2;
  const ellipse = Buffer.from(`<svg viewBox="0 0 ${info.width} ${info.height}"><ellipse cx="${info.width / 2}"`
    + ` cy="${info.height / 2}" rx="${r}" ry="${r}" /></svg>`);
  return sharp(await sharp(data).composite([{ input: ellipse, blend: "dest-in" }]).png().toBuffer()).trim();
}

for (const row of rows) {
  const request = row[1].startsWith("json:") ? JSON.parse(row[1].slice("json:".length)) : thumborRequest(row[1]);
  const edits = request.edits ?? {};
  let image = sharp(fs.readFileSync(path.join(samples, request.key)));
  if (edits.resize) image = image.resize(edits.resize);
  for (const [name, value] of Object.entries(edits)) {
    if (name === "resize") continue;
    if (name === "overlayWith") image = await overlay(image, value);
    else if (name === "roundCrop") image = await roundCrop(image);
    else if (name === "crop") image = image.extract(value);
    else image = image[name](value);
  }
  const format = request.outputFormat ?? path.extname(row[6]).slice(1).replace("jpg", "jpeg");
  await image.toFormat(format).toFile(path.join(golden, row[6]));
  console.log(row[6], row[0]);
}
