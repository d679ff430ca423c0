/*
 * Workcell remote display, the browser's side: decodes FRAME messages into an RGBA screen, reads
 * the server's other messages and writes the browser's. The wire format is documented in the Java
 * package org.workcell.display (package-info.java); this file follows it byte for byte.
 *
 * Plain ES2020, no build step. Load it as a classic script in a page or with importScripts() in a
 * worker; it defines self.WorkcellDisplay.
 */
(function (global) {
  'use strict';

  const VERSION = 1;
  const Type = Object.freeze({
    WELCOME: 0x01, FRAME: 0x02, STATUS: 0x03, PONG: 0x04, CLIPBOARD: 0x05,
    HELLO: 0x81, TOUCH: 0x82, KEY: 0x83, TEXT: 0x84, RESIZE: 0x85, ACK: 0x86, PING: 0x87,
  });
  const Status = Object.freeze({
    STARTING: 1, TAKEN_OVER: 2, PHONE_STOPPED: 3, SESSION_EXPIRED: 4, DISABLED: 5, LOCKED: 6,
  });
  const STATUS_NAMES = Object.freeze(Object.fromEntries(Object.entries(Status).map(([k, v]) => [v, k])));
  const TouchAction = Object.freeze({ DOWN: 0, MOVE: 1, UP: 2, CANCEL: 3 });
  const KeyAction = Object.freeze({ DOWN: 0, UP: 1 });
  /** Named keys as the phone channel numbers them; any other key is its Unicode code point. */
  const Keys = Object.freeze({
    ENTER: 1, BACKSPACE: 2, DELETE: 3, TAB: 4, ESCAPE: 5, LEFT: 6, RIGHT: 7, UP: 8, DOWN: 9, HOME: 10,
    END: 11, PAGE_UP: 12, PAGE_DOWN: 13, BACK: 14, HOME_BUTTON: 15, APP_SWITCH: 16,
  });
  const Modifiers = Object.freeze({ SHIFT: 1, CTRL: 2, ALT: 4, META: 8 });
  const Limits = Object.freeze({
    MAX_CLIENT_MESSAGE_BYTES: 4096, MAX_DIMENSION: 8192, MAX_DENSITY_DPI: 4096, MAX_TEXT_CHARS: 4096,
    MAX_POINTERS: 32, MAX_WATERMARK_BYTES: 256, MAX_STATUS_BYTES: 1024, MAX_CLIPBOARD_BYTES: 0xFFFF,
    MAX_CACHE_SLOTS: 1024, MAX_CACHE_PIXELS: 1024 * 64 * 64,
  });

  // FRAME body command kinds.
  const COPY = 0, FILL = 1, PIXELS = 2, RAW = 3, JPEG = 4, CACHED = 5, STORE = 6, KEEP = 7, REMAP = 8;
  const ESCAPE = 255;
  const MAX_PALETTE = 255;
  const FLUSH_TAIL = new Uint8Array([0, 0, 0xFF, 0xFF]);
  const CONSUMED = Symbol('consumed');

  class ProtocolError extends Error {
    constructor(message) {
      super(message);
      this.name = 'ProtocolError';
    }
  }

  // Pixels are kept as RGBA bytes (what ImageData wants) and written through a 32-bit view.
  const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  const word = LITTLE_ENDIAN
    ? (rgb) => (0xFF000000 | ((rgb & 0xFF) << 16) | (rgb & 0xFF00) | ((rgb >>> 16) & 0xFF)) >>> 0
    : (rgb) => ((rgb << 8) | 0xFF) >>> 0;

  const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
  const utf8 = new TextEncoder();

  /** Big-endian reads over a byte range that never go past its end. */
  class Reader {
    constructor(bytes, from, to, what) {
      this.bytes = bytes;
      this.at = from;
      this.limit = to;
      this.what = what;
    }

    need(n, field) {
      if (this.limit - this.at < n) {
        throw new ProtocolError(`${this.what} is truncated: ${field} needs ${n} bytes, ${this.limit - this.at} left`);
      }
    }

    u8(field) {
      this.need(1, field);
      return this.bytes[this.at++];
    }

    u16(field) {
      this.need(2, field);
      const b = this.bytes, a = this.at;
      this.at += 2;
      return (b[a] << 8) | b[a + 1];
    }

    u24(field) {
      this.need(3, field);
      const b = this.bytes, a = this.at;
      this.at += 3;
      return (b[a] << 16) | (b[a + 1] << 8) | b[a + 2];
    }

    u32(field) {
      this.need(4, field);
      const b = this.bytes, a = this.at;
      this.at += 4;
      return ((b[a] << 24) | (b[a + 1] << 16) | (b[a + 2] << 8) | b[a + 3]) >>> 0;
    }

    skip(n, field) {
      this.need(n, field);
      const start = this.at;
      this.at += n;
      return start;
    }

    utf8(field, max) {
      const length = this.u16(`${field} length`);
      if (length > max) {
        throw new ProtocolError(`${this.what}: ${field} is ${length} bytes, more than ${max}`);
      }
      const start = this.skip(length, field);
      try {
        return strictUtf8.decode(this.bytes.subarray(start, start + length));
      } catch (e) {
        throw new ProtocolError(`${this.what}: ${field} is not valid UTF-8`);
      }
    }

    remaining() {
      return this.limit - this.at;
    }

    end() {
      if (this.at !== this.limit) {
        throw new ProtocolError(`${this.what} has ${this.limit - this.at} bytes after its last field`);
      }
    }
  }

  function bytesOf(message) {
    if (message instanceof ArrayBuffer) {
      return new Uint8Array(message);
    }
    if (ArrayBuffer.isView(message)) {
      return new Uint8Array(message.buffer, message.byteOffset, message.byteLength);
    }
    throw new TypeError('a message is an ArrayBuffer or a typed array');
  }

  /** The type byte of a message (Type.FRAME goes to a FrameDecoder, the rest to parseServerMessage). */
  function messageType(message) {
    const bytes = bytesOf(message);
    if (bytes.length === 0) {
      throw new ProtocolError('empty message');
    }
    return bytes[0];
  }

  /**
   * Reads a WELCOME, STATUS, PONG or CLIPBOARD as strictly as the server's own parser reads the
   * browser's messages. Returns {type: 'welcome', version, width, height, densityDpi, clipboardOut,
   * watermark (a string, or null)}, {type: 'status', code, name, text}, {type: 'pong', value} or
   * {type: 'clipboard', text}.
   */
  function parseServerMessage(message) {
    const bytes = bytesOf(message);
    if (bytes.length === 0) {
      throw new ProtocolError('empty server message');
    }
    let r, result;
    switch (bytes[0]) {
      case Type.WELCOME: {
        r = new Reader(bytes, 1, bytes.length, 'WELCOME');
        const version = r.u8('version');
        if (version !== VERSION) {
          throw new ProtocolError(`WELCOME: version is ${version}; this client speaks ${VERSION}`);
        }
        const width = r.u16('width'), height = r.u16('height'), densityDpi = r.u16('dpi'), flags = r.u8('flags');
        dimension(width, 'WELCOME width');
        dimension(height, 'WELCOME height');
        dpi(densityDpi, 'WELCOME dpi');
        if (flags & ~3) {
          throw new ProtocolError(`WELCOME: flags has unknown bits: 0x${flags.toString(16)}`);
        }
        const mark = r.utf8('watermark', Limits.MAX_WATERMARK_BYTES);
        const marked = (flags & 2) !== 0;
        if (marked === (mark.length === 0)) {
          throw new ProtocolError(marked ? 'WELCOME: watermark is empty although the watermark flag is set'
            : 'WELCOME: watermark is set without the watermark flag');
        }
        result = { type: 'welcome', version, width, height, densityDpi, clipboardOut: (flags & 1) !== 0, watermark: marked ? mark : null };
        break;
      }
      case Type.STATUS: {
        r = new Reader(bytes, 1, bytes.length, 'STATUS');
        const code = r.u8('code');
        if (!(code in STATUS_NAMES)) {
          throw new ProtocolError(`unknown status code ${code}`);
        }
        result = { type: 'status', code, name: STATUS_NAMES[code], text: r.utf8('text', Limits.MAX_STATUS_BYTES) };
        break;
      }
      case Type.PONG:
        r = new Reader(bytes, 1, bytes.length, 'PONG');
        result = { type: 'pong', value: r.u32('value') };
        break;
      case Type.CLIPBOARD:
        r = new Reader(bytes, 1, bytes.length, 'CLIPBOARD');
        result = { type: 'clipboard', text: r.utf8('text', Limits.MAX_CLIPBOARD_BYTES) };
        break;
      case Type.FRAME:
        throw new ProtocolError('a FRAME is read by a FrameDecoder');
      default:
        throw new ProtocolError(`unknown server message type 0x${bytes[0].toString(16)}`);
    }
    r.end();
    return result;
  }

  // ---- the browser's messages -------------------------------------------------------------------

  function integer(value, min, max, field) {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(`${field} must be an integer in ${min}..${max}, was ${value}`);
    }
    return value;
  }

  function dimension(value, field) {
    if (!Number.isInteger(value) || value < 1 || value > Limits.MAX_DIMENSION) {
      throw new ProtocolError(`${field} must be in 1..${Limits.MAX_DIMENSION}, was ${value}`);
    }
  }

  function dpi(value, field) {
    if (!Number.isInteger(value) || value < 1 || value > Limits.MAX_DENSITY_DPI) {
      throw new ProtocolError(`${field} must be in 1..${Limits.MAX_DENSITY_DPI}, was ${value}`);
    }
  }

  function message(type, length) {
    const buffer = new ArrayBuffer(length);
    const view = new DataView(buffer);
    view.setUint8(0, type);
    return view;
  }

  /** HELLO: the versions this page speaks, its viewport in device pixels and its density. */
  function hello(minVersion, maxVersion, viewportWidth, viewportHeight, densityDpi) {
    integer(minVersion, 1, 255, 'HELLO min version');
    integer(maxVersion, minVersion, 255, 'HELLO max version');
    const v = message(Type.HELLO, 9);
    v.setUint8(1, minVersion);
    v.setUint8(2, maxVersion);
    v.setUint16(3, integer(viewportWidth, 1, Limits.MAX_DIMENSION, 'HELLO viewport width'));
    v.setUint16(5, integer(viewportHeight, 1, Limits.MAX_DIMENSION, 'HELLO viewport height'));
    v.setUint16(7, integer(densityDpi, 1, Limits.MAX_DENSITY_DPI, 'HELLO dpi'));
    return v.buffer;
  }

  /** TOUCH: action is a TouchAction, x and y screen pixels of the phone. */
  function touch(action, pointer, x, y) {
    const v = message(Type.TOUCH, 7);
    v.setUint8(1, integer(action, 0, 3, 'TOUCH action'));
    v.setUint8(2, integer(pointer, 0, Limits.MAX_POINTERS - 1, 'TOUCH pointer'));
    v.setUint16(3, integer(x, 0, Limits.MAX_DIMENSION - 1, 'TOUCH x'));
    v.setUint16(5, integer(y, 0, Limits.MAX_DIMENSION - 1, 'TOUCH y'));
    return v.buffer;
  }

  /** KEY: action is a KeyAction, code one of Keys or a printable code point, modifiers Modifiers bits. */
  function key(action, code, modifiers) {
    integer(code, 1, 0x10FFFF, 'KEY code');
    const named = code <= Keys.APP_SWITCH;
    const printable = code >= 0x20 && !(code >= 0x7F && code <= 0x9F) && !(code >= 0xD800 && code <= 0xDFFF);
    if (!named && !printable) {
      throw new RangeError(`KEY code ${code} is neither a named key nor a printable character`);
    }
    const v = message(Type.KEY, 7);
    v.setUint8(1, integer(action, 0, 1, 'KEY action'));
    v.setUint32(2, code);
    v.setUint8(6, integer(modifiers, 0, 15, 'KEY modifiers'));
    return v.buffer;
  }

  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

  /** TEXT: committed text, without control characters (Enter and the like are keys). */
  function text(value) {
    if (typeof value !== 'string' || value.length === 0 || value.length > Limits.MAX_TEXT_CHARS) {
      throw new RangeError(`TEXT must be a string of 1..${Limits.MAX_TEXT_CHARS} characters`);
    }
    if (CONTROL.test(value) || LONE_SURROGATE.test(value)) {
      throw new RangeError('TEXT must not contain control characters or unpaired surrogates');
    }
    const bytes = utf8.encode(value);
    if (bytes.length > Limits.MAX_CLIENT_MESSAGE_BYTES - 3) {
      throw new RangeError(`TEXT is ${bytes.length} bytes of UTF-8, more than ${Limits.MAX_CLIENT_MESSAGE_BYTES - 3}`);
    }
    const v = message(Type.TEXT, 3 + bytes.length);
    v.setUint16(1, bytes.length);
    new Uint8Array(v.buffer).set(bytes, 3);
    return v.buffer;
  }

  /** RESIZE: the screen size (device pixels) and density the page would like now. */
  function resize(width, height, densityDpi) {
    const v = message(Type.RESIZE, 7);
    v.setUint16(1, integer(width, 1, Limits.MAX_DIMENSION, 'RESIZE width'));
    v.setUint16(3, integer(height, 1, Limits.MAX_DIMENSION, 'RESIZE height'));
    v.setUint16(5, integer(densityDpi, 1, Limits.MAX_DENSITY_DPI, 'RESIZE dpi'));
    return v.buffer;
  }

  /** ACK: frame number `frame` is on the screen; the server may send the next. */
  function ack(frame) {
    const v = message(Type.ACK, 5);
    v.setUint32(1, integer(frame, 0, 0xFFFFFFFF, 'ACK frame'));
    return v.buffer;
  }

  /** PING: any 32-bit value, which comes back in a PONG. */
  function ping(value) {
    const v = message(Type.PING, 5);
    v.setUint32(1, integer(value, 0, 0xFFFFFFFF, 'PING value'));
    return v.buffer;
  }

  // ---- frames ------------------------------------------------------------------------------------

  /** JPEG bytes to RGBA pixels of exactly w x h. */
  async function decodeJpeg(bytes, w, h) {
    let bitmap;
    try {
      bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }),
        { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
    } catch (e) {
      throw new ProtocolError(`JPEG tile does not decode: ${e.message}`);
    }
    try {
      if (bitmap.width !== w || bitmap.height !== h) {
        throw new ProtocolError(`JPEG tile is not a ${w}x${h} JPEG`);
      }
      const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(w, h)
        : Object.assign(document.createElement('canvas'), { width: w, height: h });
      const g = canvas.getContext('2d');
      g.drawImage(bitmap, 0, 0);
      return new Uint32Array(g.getImageData(0, 0, w, h).data.buffer);
    } finally {
      bitmap.close();
    }
  }

  /**
   * The screen as the server's FrameEncoder left it: apply every FRAME of the connection, in order.
   * `width`, `height` and `pixels` (RGBA, alpha 255, for ImageData) describe it after each apply.
   * A FRAME that breaks the protocol rejects with a ProtocolError, after which the decoder refuses
   * everything (its zlib stream has lost its place): the page should reconnect.
   */
  class FrameDecoder {
    constructor() {
      this.width = 0;
      this.height = 0;
      this.pixels = new Uint8ClampedArray(0);
      this._screen = new Uint32Array(0);
      // The reference picture KEEP fills and REMAP may read (RGBA words, like the screen); black after every new size.
      this._reference = new Uint32Array(0);
      this._row = new Uint32Array(0);
      this._tables = new Uint8Array(768);
      this._palette = new Uint32Array(MAX_PALETTE);
      this._assigned = new Uint8Array(MAX_PALETTE);
      this._slots = new Array(Limits.MAX_CACHE_SLOTS).fill(null);
      this._slotWidths = new Uint16Array(Limits.MAX_CACHE_SLOTS);
      this._cachedPixels = 0;
      this._failed = null;
      this._queue = Promise.resolve();
      const stream = new DecompressionStream('deflate');
      this._writer = stream.writable.getWriter();
      this._reader = stream.readable.getReader();
    }

    /**
     * Applies one FRAME (an ArrayBuffer or typed array). Calls are queued, so they may overlap.
     * Resolves to {frame, width, height, resized, damage: [[x, y, w, h], ...]}.
     */
    apply(message) {
      const run = this._queue.then(() => this._apply(bytesOf(message)));
      this._queue = run.catch(() => {});
      return run;
    }

    async _apply(bytes) {
      if (this._failed) {
        throw new ProtocolError(`an earlier FRAME broke the protocol (${this._failed}); reconnect`);
      }
      try {
        return await this._decode(bytes);
      } catch (e) {
        this._failed = e.message;
        throw e instanceof ProtocolError ? e : new ProtocolError(e.message);
      }
    }

    async _inflate(bytes, from, length, expected) {
      const input = new Uint8Array(length + FLUSH_TAIL.length);
      input.set(bytes.subarray(from, from + length));
      input.set(FLUSH_TAIL, length);
      // The write settles once the stream has turned all of this input into output; a read still
      // waiting then would wait for the next frame's bytes: this one's body is shorter than announced.
      const consumed = this._writer.write(input).then(() => CONSUMED);
      consumed.catch(() => {});
      const out = new Uint8Array(expected);
      let n = 0;
      let read = null;
      while (n < expected) {
        read = read || this._reader.read();
        let chunk;
        try {
          chunk = await Promise.race([read, consumed]);
        } catch (e) {
          throw new ProtocolError(`FRAME body is not valid deflate data: ${e.message}`);
        }
        if (chunk === CONSUMED || chunk.done) {
          throw new ProtocolError(`FRAME body inflates to ${n} bytes, not the ${expected} announced`);
        }
        read = null;
        if (n + chunk.value.length > expected) {
          throw new ProtocolError(`FRAME body inflates to more than the ${expected} bytes announced`);
        }
        out.set(chunk.value, n);
        n += chunk.value.length;
      }
      try {
        await consumed;
      } catch (e) {
        throw new ProtocolError(`FRAME body is not valid deflate data: ${e.message}`);
      }
      return out;
    }

    async _decode(bytes) {
      if (bytes.length === 0 || bytes[0] !== Type.FRAME) {
        throw new ProtocolError('not a FRAME message');
      }
      const r = new Reader(bytes, 1, bytes.length, 'FRAME');
      const frame = r.u32('frame');
      const w = r.u16('width');
      const h = r.u16('height');
      if (w < 1 || h < 1 || w > Limits.MAX_DIMENSION || h > Limits.MAX_DIMENSION) {
        throw new ProtocolError(`FRAME: size ${w}x${h} is out of range 1..${Limits.MAX_DIMENSION}`);
      }
      const bodyLength = r.u32('body length');
      if (bodyLength > 4 * w * h + 65536) {
        throw new ProtocolError(`FRAME: body length ${bodyLength} is more than a ${w}x${h} screen needs`);
      }
      const deflated = r.u32('deflated length');
      if (deflated > r.remaining()) {
        throw new ProtocolError(`FRAME: deflated length ${deflated} is more than the ${r.remaining()} bytes left`);
      }
      if ((bodyLength === 0) !== (deflated === 0)) {
        throw new ProtocolError(`FRAME: deflated length ${deflated} does not go with a body of ${bodyLength} bytes`);
      }
      const zFrom = r.skip(deflated, 'deflated body');
      const resized = w !== this.width || h !== this.height;
      if (resized) {
        this.width = w;
        this.height = h;
        this.pixels = new Uint8ClampedArray(w * h * 4);
        this._screen = new Uint32Array(this.pixels.buffer);
        this._screen.fill(word(0));
        this._reference = new Uint32Array(w * h);
        this._reference.fill(word(0));
        this._row = new Uint32Array(w);
      }
      const state = { trailer: r.at, damage: [] };
      if (bodyLength > 0) {
        const body = await this._inflate(bytes, zFrom, deflated, bodyLength);
        const b = new Reader(body, 0, body.length, 'FRAME body');
        const updates = b.u8('palette changes');
        for (let i = 0; i < updates; i++) {
          const slot = b.u8('palette slot');
          if (slot >= MAX_PALETTE) {
            throw new ProtocolError(`FRAME body: palette slot ${slot} is not below ${MAX_PALETTE}`);
          }
          this._palette[slot] = word(b.u24('palette colour'));
          this._assigned[slot] = 1;
        }
        const commandBytes = b.u32('command bytes');
        const commandsAt = b.skip(commandBytes, 'commands');
        const commands = new Reader(body, commandsAt, b.at, 'FRAME command');
        const planeBytes = b.u32('index plane bytes');
        state.plane = b.skip(planeBytes, 'index plane');
        state.planeEnd = b.at;
        state.escapes = new Reader(body, b.at, body.length, 'FRAME escaped colours');
        while (commands.remaining() > 0) {
          await this._command(commands, state, bytes);
        }
        if (state.plane !== state.planeEnd || state.escapes.remaining() !== 0) {
          throw new ProtocolError(`FRAME body has ${state.planeEnd - state.plane} index bytes and `
            + `${state.escapes.remaining()} escape bytes that no command uses`);
        }
      }
      if (state.trailer !== bytes.length) {
        throw new ProtocolError(`FRAME has ${bytes.length - state.trailer} bytes after its last JPEG`);
      }
      return { frame, width: this.width, height: this.height, resized, damage: state.damage };
    }

    _inside(what, x, y, w, h) {
      if (w < 1 || h < 1 || x + w > this.width || y + h > this.height) {
        throw new ProtocolError(`FRAME command: ${what} ${w}x${h} at ${x},${y} is empty or outside the `
          + `${this.width}x${this.height} screen`);
      }
    }

    async _command(b, state, message) {
      const kind = b.u8('command');
      if (kind > REMAP) {
        throw new ProtocolError(`FRAME command: 0x${kind.toString(16)} is unknown`);
      }
      const screen = this._screen;
      const width = this.width;
      if (kind === CACHED) {
        const slot = b.u16('CACHED slot'), x = b.u16('CACHED x'), y = b.u16('CACHED y');
        const tile = slot < Limits.MAX_CACHE_SLOTS ? this._slots[slot] : null;
        if (!tile) {
          throw new ProtocolError(`FRAME command: CACHED slot ${slot} holds no tile`);
        }
        const w = this._slotWidths[slot], h = tile.length / w;
        this._inside('CACHED', x, y, w, h);
        for (let row = 0; row < h; row++) {
          screen.set(tile.subarray(row * w, row * w + w), (y + row) * width + x);
        }
        state.damage.push([x, y, w, h]);
        return;
      }
      if (kind === STORE) {
        const slot = b.u16('STORE slot'), x = b.u16('STORE x'), y = b.u16('STORE y'), w = b.u16('STORE width'), h = b.u16('STORE height');
        if (slot >= Limits.MAX_CACHE_SLOTS) {
          throw new ProtocolError(`FRAME command: STORE slot ${slot} is not below ${Limits.MAX_CACHE_SLOTS}`);
        }
        this._inside('STORE', x, y, w, h);
        const total = this._cachedPixels - (this._slots[slot] ? this._slots[slot].length : 0) + w * h;
        if (total > Limits.MAX_CACHE_PIXELS) {
          throw new ProtocolError(`FRAME command: STORE would cache ${total} pixels, more than ${Limits.MAX_CACHE_PIXELS}`);
        }
        const tile = new Uint32Array(w * h);
        for (let row = 0; row < h; row++) {
          const at = (y + row) * width + x;
          tile.set(screen.subarray(at, at + w), row * w);
        }
        this._slots[slot] = tile;
        this._slotWidths[slot] = w;
        this._cachedPixels = total;
        return;
      }
      const x = b.u16('x'), y = b.u16('y'), w = b.u16('width'), h = b.u16('height');
      if (kind === KEEP) {
        this._inside('KEEP', x, y, w, h);
        for (let row = y; row < y + h; row++) {
          this._reference.set(screen.subarray(row * width + x, row * width + x + w), row * width + x);
        }
        return;
      }
      switch (kind) {
        case REMAP: {
          const fromX = b.u16('REMAP from x'), fromY = b.u16('REMAP from y'), source = b.u8('REMAP source');
          this._inside('REMAP', x, y, w, h);
          this._inside('REMAP source', fromX, fromY, w, h);
          if (source > 1) {
            throw new ProtocolError(`FRAME command: REMAP source ${source} is neither 0 (the screen) nor 1 (the reference)`);
          }
          const at = b.skip(768, 'REMAP tables');
          const body = b.bytes, t = this._tables;
          for (let i = 0; i < 768; i++) {
            t[i] = ((i % 256 === 0 ? 0 : t[i - 1]) + body[at + i]) & 0xFF;
          }
          // Pixels are RGBA words here, so the tables apply to the word's bytes (red, green and blue, wherever they sit).
          const rShift = LITTLE_ENDIAN ? 0 : 24, gShift = LITTLE_ENDIAN ? 8 : 16, bShift = LITTLE_ENDIAN ? 16 : 8;
          const from = source === 0 ? screen : this._reference, line = this._row;
          const down = y > fromY;
          for (let i = 0; i < h; i++) {
            const row = down ? h - 1 - i : i;
            const s = (fromY + row) * width + fromX;
            line.set(from.subarray(s, s + w));
            let o = (y + row) * width + x;
            for (let col = 0; col < w; col++, o++) {
              const c = line[col];
              screen[o] = ((c & ~((0xFF << rShift) | (0xFF << gShift) | (0xFF << bShift)))
                | (t[(c >>> rShift) & 0xFF] << rShift) | (t[256 + ((c >>> gShift) & 0xFF)] << gShift)
                | (t[512 + ((c >>> bShift) & 0xFF)] << bShift)) >>> 0;
            }
          }
          break;
        }
        case COPY: {
          const fromX = b.u16('COPY from x'), fromY = b.u16('COPY from y');
          this._inside('COPY', x, y, w, h);
          this._inside('COPY source', fromX, fromY, w, h);
          // Rows bottom-up when moving down, so none is overwritten before it is read; copyWithin handles a row's own overlap.
          const down = y > fromY;
          for (let i = 0; i < h; i++) {
            const row = down ? h - 1 - i : i;
            const from = (fromY + row) * width + fromX;
            screen.copyWithin((y + row) * width + x, from, from + w);
          }
          break;
        }
        case FILL: {
          const colour = word(b.u24('FILL colour'));
          this._inside('FILL', x, y, w, h);
          for (let row = y; row < y + h; row++) {
            screen.fill(colour, row * width + x, row * width + x + w);
          }
          break;
        }
        case PIXELS: {
          this._inside('PIXELS', x, y, w, h);
          if (state.planeEnd - state.plane < w * h) {
            throw new ProtocolError(`FRAME command: PIXELS ${w}x${h} needs more index bytes than the ${state.planeEnd - state.plane} left`);
          }
          const body = b.bytes, palette = this._palette, assigned = this._assigned, escapes = state.escapes;
          let p = state.plane;
          for (let row = 0; row < h; row++) {
            let o = (y + row) * width + x;
            for (const end = o + w; o < end; o++) {
              const index = body[p++];
              if (index === ESCAPE) {
                screen[o] = word(escapes.u24('escaped colour'));
              } else if (assigned[index]) {
                screen[o] = palette[index];
              } else {
                throw new ProtocolError(`FRAME command: PIXELS index ${index} names a palette slot no frame has filled`);
              }
            }
          }
          state.plane = p;
          break;
        }
        case RAW: {
          this._inside('RAW', x, y, w, h);
          const body = b.bytes;
          let at = b.skip(w * h * 3, 'RAW pixels');
          let above = 0;
          for (let row = 0; row < h; row++) {
            let o = (y + row) * width + x;
            let prev = above;
            for (let col = 0; col < w; col++) {
              const red = ((prev >>> 16) + body[at++]) & 0xFF;
              const green = ((prev >>> 8) + body[at++]) & 0xFF;
              const blue = (prev + body[at++]) & 0xFF;
              prev = (red << 16) | (green << 8) | blue;
              screen[o++] = word(prev);
              if (col === 0) {
                above = prev;
              }
            }
          }
          break;
        }
        case JPEG: {
          const length = b.u32('JPEG length');
          this._inside('JPEG', x, y, w, h);
          if (length > message.length - state.trailer) {
            throw new ProtocolError(`FRAME command: JPEG length ${length} is more than the ${message.length - state.trailer} bytes left`);
          }
          const rgba = await decodeJpeg(message.subarray(state.trailer, state.trailer + length), w, h);
          state.trailer += length;
          for (let row = 0; row < h; row++) {
            screen.set(rgba.subarray(row * w, row * w + w), (y + row) * width + x);
          }
          break;
        }
      }
      state.damage.push([x, y, w, h]);
    }
  }

  global.WorkcellDisplay = Object.freeze({
    VERSION, Type, Status, TouchAction, KeyAction, Keys, Modifiers, Limits, ProtocolError,
    FrameDecoder, messageType, parseServerMessage, hello, touch, key, text, resize, ack, ping,
  });
})(typeof self !== 'undefined' ? self : globalThis);
