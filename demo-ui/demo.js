// The demo page: builds the three URL forms from the controls, loads the chosen one, and reports what came back.
// No library and no build step; everything it loads comes from the server that serves it.

const $ = (id) => document.getElementById(id);

/** What the server tells the page: the samples, the watermark configured, whether it signs URLs for the page. */
let site = { bucket: 'images', images: [], signing: false, watermark: null, api: '/api' };
let loading = 0;
let shownUrl = null;

/** A key as a URL path: each segment percent-encoded, the slashes kept. */
function keyPath(key) {
  return key.split('/').map(encodeURIComponent).join('/');
}

function base64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function controls() {
  const number = (id) => {
    const text = $(id).value.trim();
    return text === '' ? null : text;
  };
  return {
    key: $('image').value,
    width: number('width'),
    height: number('height'),
    fit: $('fit').value,
    gravity: $('gravity').value,
    format: $('format').value,
    quality: number('quality'),
    grayscale: $('grayscale').checked,
    flip: $('flip').checked,
    flop: $('flop').checked,
    watermark: $('watermark').checked && site.watermark !== null,
    blur: number('blur'),
    rotate: $('rotate').value,
    filters: $('filters').value.trim(),
    edits: $('edits').value.trim(),
    dialect: document.querySelector('input[name="dialect"]:checked').value,
    signed: $('signed').checked,
  };
}

const positive = (value) => value !== null && value !== '0';

/** The query form: /key?width=...; the parameters in the server's own vocabulary. */
function queryUrl(c) {
  const params = new URLSearchParams();
  if (positive(c.width)) params.set('width', c.width);
  if (positive(c.height)) params.set('height', c.height);
  if (positive(c.width) && positive(c.height) && c.fit !== 'cover') params.set('fit', c.fit);
  if (c.gravity !== 'centre') params.set('gravity', c.gravity);
  if (c.format) params.set('format', c.format);
  if (c.quality !== null) params.set('quality', c.quality);
  if (c.grayscale) params.set('grayscale', 'true');
  if (positive(c.blur)) params.set('blur', c.blur);
  if (c.rotate !== '0') params.set('rotate', c.rotate);
  if (c.flip) params.set('flip', 'true');
  if (c.flop) params.set('flop', 'true');
  if (c.watermark) params.set('watermark', 'true');
  const query = params.toString();
  return '/' + keyPath(c.key) + (query ? '?' + query : '');
}

const THUMBOR_ALIGN = { north: 'center/top', south: 'center/bottom', west: 'left/middle', east: 'right/middle' };

/** Thumbor's form: /unsafe/[fit-in/]WxH/[align/|smart/]filters:.../key. */
function thumborUrl(c) {
  const parts = ['unsafe'];
  if (c.fit === 'contain' || c.fit === 'inside') parts.push('fit-in');
  if (c.fit === 'outside') parts.push('full-fit-in');
  // Thumbor turns after it resizes: a quarter turn asks for the box on its side.
  const quarter = c.rotate === '90' || c.rotate === '270';
  const w = positive(c.width) ? c.width : '0';
  const h = positive(c.height) ? c.height : '0';
  const [boxW, boxH] = quarter ? [h, w] : [w, h];
  if (boxW !== '0' || boxH !== '0' || c.flip || c.flop) {
    parts.push((c.flop ? '-' : '') + boxW + 'x' + (c.flip ? '-' : '') + boxH);
  }
  if (c.gravity === 'smart') parts.push('smart');
  else if (THUMBOR_ALIGN[c.gravity]) parts.push(THUMBOR_ALIGN[c.gravity]);
  const filters = [];
  if (c.fit === 'contain') filters.push('fill(white)');
  if (c.fit === 'fill') filters.push('stretch()');
  if (c.format) filters.push(`format(${c.format})`);
  if (c.quality !== null) filters.push(`quality(${c.quality})`);
  if (c.grayscale) filters.push('grayscale()');
  if (positive(c.blur)) filters.push(`blur(${Math.max(1, Math.round(2 * Number(c.blur)))},${c.blur})`);
  if (c.rotate !== '0') filters.push(`rotate(${c.rotate})`);
  if (c.watermark) {
    const w = site.watermark;
    filters.push(`watermark(${w.key},${w.x},${w.y},${w.alpha},${w.ratio})`);
  }
  if (c.filters) filters.push(c.filters.replace(/^filters:/, ''));
  if (filters.length) parts.push('filters:' + filters.join(':'));
  return '/' + parts.join('/') + '/' + keyPath(c.key);
}

const SHARP_POSITION = { north: 'top', south: 'bottom', west: 'left', east: 'right', smart: 'attention' };

/** The request SIH reads from a base64 JSON path: {key, edits, outputFormat}. */
function sihRequest(c) {
  const edits = {};
  if (positive(c.width) || positive(c.height)) {
    const resize = {};
    if (positive(c.width)) resize.width = Number(c.width);
    if (positive(c.height)) resize.height = Number(c.height);
    if (c.fit !== 'cover') resize.fit = c.fit;
    if (SHARP_POSITION[c.gravity]) resize.position = SHARP_POSITION[c.gravity];
    edits.resize = resize;
  }
  if (c.grayscale) edits.grayscale = true;
  if (positive(c.blur)) edits.blur = Number(c.blur);
  if (c.rotate !== '0') edits.rotate = Number(c.rotate);
  if (c.flip) edits.flip = true;
  if (c.flop) edits.flop = true;
  if (c.watermark) {
    const w = site.watermark;
    edits.overlayWith = { key: w.key, alpha: String(w.alpha), wRatio: String(w.ratio),
      options: { left: String(w.x), top: String(w.y) } };
  }
  const request = { key: c.key, edits };
  if (c.quality !== null) {
    const format = c.format || formatOfKey(c.key);
    edits[format === 'jpg' ? 'jpeg' : format] = { quality: Number(c.quality) };
  } else if (c.format) {
    request.outputFormat = c.format;
  }
  if (c.edits) {
    Object.assign(edits, JSON.parse(c.edits));
  }
  return request;
}

function formatOfKey(key) {
  const ext = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  return ext === 'jpg' ? 'jpeg' : ext;
}

function jsonUrl(c) {
  return '/' + base64Url(JSON.stringify(sihRequest(c)));
}

/** The three URLs, signed by the server when asked (the key stays there). */
async function urls(c) {
  let built;
  try {
    built = { query: queryUrl(c), thumbor: thumborUrl(c), json: jsonUrl(c) };
  } catch (e) {
    throw new Error('The JSON edits are not a JSON object: ' + e.message);
  }
  if (!c.signed) {
    return built;
  }
  const [query, thumbor, json] = await sign([built.query, built.thumbor, built.json]);
  return { query, thumbor, json };
}

/** Paths signed by the server: Thumbor's way for /unsafe/ paths, else with ?signature=. */
async function sign(paths) {
  const answer = await fetch('/demo/sign', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ urls: paths }),
  });
  const body = await answer.json();
  if (!answer.ok) {
    throw new Error(body.message || 'signing failed');
  }
  return body.urls;
}

function srcset(queryPath) {
  const [path, query = ''] = queryPath.split('?');
  const params = new URLSearchParams(query);
  params.delete('width');
  params.delete('height');
  params.delete('signature');
  const rest = params.toString();
  const at = (width) => `${location.origin}${path}?width=${width}${rest ? '&' + rest : ''}`;
  const widths = [320, 640, 960, 1280, 1920];
  return `<img src="${at(640)}"\n     srcset="${widths.map((w) => `${at(w)} ${w}w`).join(',\n             ')}"\n`
    + `     sizes="(max-width: 640px) 100vw, 640px" alt="">`;
}

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = message === '';
}

function formatName(contentType) {
  return (contentType || '').replace(/^image\//, '').replace(/;.*$/, '') || 'unknown';
}

async function update() {
  const c = controls();
  if (!c.key) {
    return;
  }
  const ticket = ++loading;
  let built;
  try {
    built = await urls(c);
  } catch (e) {
    showError(e.message);
    return;
  }
  if (ticket !== loading) {
    return;
  }
  $('url-query').value = location.origin + built.query;
  $('url-thumbor').value = location.origin + built.thumbor;
  $('url-json').value = location.origin + built.json;
  $('srcset').value = srcset(built.query);
  const url = built[c.dialect];
  const started = performance.now();
  let answer;
  try {
    answer = await fetch(url);
  } catch (e) {
    showError('The server did not answer: ' + e.message);
    return;
  }
  const blob = await answer.blob();
  const millis = Math.round(performance.now() - started);
  if (ticket !== loading) {
    return;
  }
  if (!answer.ok) {
    let message = `${answer.status}`;
    try {
      const error = JSON.parse(await blob.text());
      message = `${answer.status} ${error.code}: ${error.message}`;
    } catch (e) {
      // Not our JSON: the status says enough.
    }
    showError(message);
    $('result').hidden = true;
    $('result-info').textContent = '';
    return;
  }
  showError('');
  const img = $('result');
  if (shownUrl) {
    URL.revokeObjectURL(shownUrl);
  }
  shownUrl = URL.createObjectURL(blob);
  img.onload = () => {
    img.hidden = false;
    img.dataset.url = url;
    $('result-info').textContent = `${img.naturalWidth} × ${img.naturalHeight} ${formatName(blob.type)}, `
      + `${blob.size.toLocaleString('en')} bytes, ${millis} ms`;
  };
  img.onerror = () => showError(`The answer (${formatName(blob.type)}) is not an image this browser shows`);
  img.src = shownUrl;
}

async function showOriginal() {
  const path = '/' + keyPath($('image').value);
  const answer = await fetch($('signed').checked ? (await sign([path]))[0] : path);
  const blob = await answer.blob();
  const img = $('original');
  img.onload = () => {
    $('original-info').textContent = `Original: ${img.naturalWidth} × ${img.naturalHeight} `
      + `${formatName(blob.type)}, ${blob.size.toLocaleString('en')} bytes`;
  };
  img.src = answer.ok ? URL.createObjectURL(blob) : '';
}

function addImage(key, select) {
  const option = document.createElement('option');
  option.value = key;
  option.textContent = key;
  $('image').append(option);
  if (select) {
    $('image').value = key;
  }
}

async function upload() {
  const file = $('upload').files[0];
  if (!file) {
    return;
  }
  const form = new FormData();
  form.append('file', file);
  const answer = await fetch(site.api + '/upload', { method: 'POST', body: form });
  const body = await answer.json();
  if (!answer.ok) {
    showError(`${answer.status} ${body.code}: ${body.message}`);
    return;
  }
  addImage(body.key, true);
  await showOriginal();
  await update();
}

async function copy(button) {
  const field = $(button.dataset.copy);
  try {
    await navigator.clipboard.writeText(field.value);
  } catch (e) {
    field.select();
    document.execCommand('copy');
  }
  $('copied').textContent = `Copied the ${field.labels[0].textContent} ${button.dataset.copy === 'srcset' ? 'HTML' : 'URL'}.`;
}

let timer = null;

function later() {
  clearTimeout(timer);
  timer = setTimeout(update, 250);
}

async function start() {
  const answer = await fetch('/demo/samples.json');
  site = await answer.json();
  // A photo first, when there is one: it shows more than a logo does.
  const first = site.images.find((key) => /\.jpe?g$/i.test(key)) || site.images[0];
  site.images.forEach((key) => addImage(key, key === first));
  $('signed-label').hidden = !site.signing;
  $('signed').checked = site.signing;
  $('watermark').disabled = site.watermark === null;
  $('controls').addEventListener('input', (event) => {
    if (event.target.id === 'upload') {
      return;
    }
    if (event.target.id === 'image') {
      showOriginal();
    }
    later();
  });
  $('controls').addEventListener('submit', (event) => event.preventDefault());
  $('upload').addEventListener('change', upload);
  document.querySelectorAll('button.copy').forEach((button) => button.addEventListener('click', () => copy(button)));
  await showOriginal();
  await update();
  document.body.dataset.ready = 'true';
}

start().catch((e) => showError('The page could not start: ' + e.message));
