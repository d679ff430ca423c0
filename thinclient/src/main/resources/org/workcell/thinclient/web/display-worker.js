'use strict';
// Decodes FRAMEs and draws them, off the page's main thread, onto the canvas the page handed over.
importScripts('display-protocol.js');
const D = self.WorkcellDisplay;
let canvas = null;
let g = null;
let decoder = null;
let image = null;
let generation = 0;

self.onmessage = async (event) => {
  const m = event.data;
  switch (m.type) {
    case 'canvas':
      canvas = m.canvas;
      g = canvas.getContext('2d', { alpha: false });
      break;
    case 'reset':
      // A new connection: its encoder starts afresh, and so must the decoder (the zlib stream, palette, cache).
      generation = m.generation;
      decoder = new D.FrameDecoder();
      image = null;
      break;
    case 'frame':
      await frame(m.data);
      break;
    case 'hash':
      self.postMessage({ type: 'hash', id: m.id, hex: await hash(m.fromRow, m.toRow) });
      break;
  }
};

async function frame(data) {
  const gen = generation;
  const d = decoder;
  let r;
  try {
    r = await d.apply(data);
  } catch (e) {
    if (gen === generation) {
      self.postMessage({ type: 'broken', generation: gen, reason: String((e && e.message) || e) });
    }
    return;
  }
  if (gen !== generation) {
    return;
  }
  if (!image || image.data !== d.pixels || image.width !== r.width || image.height !== r.height) {
    canvas.width = r.width;
    canvas.height = r.height;
    image = new ImageData(d.pixels, r.width, r.height);
    g.putImageData(image, 0, 0);
  } else if (r.damage.length > 24) {
    let x0 = r.width, y0 = r.height, x1 = 0, y1 = 0;
    for (const [x, y, w, h] of r.damage) {
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x + w); y1 = Math.max(y1, y + h);
    }
    g.putImageData(image, 0, 0, x0, y0, x1 - x0, y1 - y0);
  } else {
    for (const [x, y, w, h] of r.damage) {
      g.putImageData(image, 0, 0, x, y, w, h);
    }
  }
  self.postMessage({ type: 'drawn', generation: gen, frame: r.frame, width: r.width, height: r.height });
}

/** SHA-256 of the screen's pixel rows [fromRow, toRow), RGBA: lets a test compare what two moments showed. */
async function hash(fromRow, toRow) {
  if (!decoder || decoder.width === 0) {
    return null;
  }
  const w = decoder.width;
  const from = Math.max(0, Math.min(decoder.height, fromRow));
  const to = Math.max(from, Math.min(decoder.height, toRow));
  const bytes = decoder.pixels.slice(from * w * 4, to * w * 4);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
