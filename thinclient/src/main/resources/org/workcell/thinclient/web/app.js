'use strict';
// The thin client's page: sign-in, then the phone's screen on a canvas (decoded and drawn by
// display-worker.js), input back to the phone, and reconnecting when the connection drops. Nothing
// of the phone but its pixels reaches this page.
(() => {
  const D = self.WorkcellDisplay;
  const $ = (id) => document.getElementById(id);
  const coarse = matchMedia('(pointer: coarse)').matches;
  const NAMED_KEYS = {
    Enter: D.Keys.ENTER, Backspace: D.Keys.BACKSPACE, Delete: D.Keys.DELETE, Tab: D.Keys.TAB, Escape: D.Keys.ESCAPE,
    ArrowLeft: D.Keys.LEFT, ArrowRight: D.Keys.RIGHT, ArrowUp: D.Keys.UP, ArrowDown: D.Keys.DOWN, Home: D.Keys.HOME,
    End: D.Keys.END, PageUp: D.Keys.PAGE_UP, PageDown: D.Keys.PAGE_DOWN,
  };
  const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 15000];

  const s = {
    me: null, socket: null, worker: null, generation: 0, welcome: null, width: 0, height: 0,
    frames: 0, connected: false, status: 'signed-out', retries: 0, retryTimer: 0, pingTimer: 0,
    pointers: new Map(), hashes: new Map(), hashId: 0, resizeTimer: 0, watermarkTimer: 0,
  };

  // ---- talking to the server -------------------------------------------------------------------

  async function api(method, path, body) {
    const response = await fetch(path, {
      method, credentials: 'same-origin', cache: 'no-store',
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    let json = null;
    try {
      json = await response.json();
    } catch (e) {
      // no body (204) or not JSON
    }
    return { status: response.status, body: json };
  }

  function problemText(body, fallback) {
    if (body && body.errors && body.errors.length) {
      return body.errors[0].message;
    }
    return (body && body.detail) || fallback;
  }

  // ---- sign-in ---------------------------------------------------------------------------------

  let askPin = false;
  let askNewPin = false;

  function showLogin(message) {
    disconnect();
    s.status = 'signed-out';
    s.me = null;
    $('phone').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
    ($('user').value ? $('password') : $('user')).focus();
  }

  async function signIn(event) {
    event.preventDefault();
    const error = $('login-error');
    error.textContent = '';
    const body = { user: $('user').value.trim(), password: $('password').value };
    if (!body.user || !body.password) {
      error.textContent = 'Enter your user name and password.';
      return;
    }
    if (askPin) {
      body.pin = $('pin').value;
    }
    if (askNewPin) {
      if ($('new-pin').value !== $('new-pin-again').value) {
        error.textContent = 'The two PINs differ.';
        return;
      }
      body.newPin = $('new-pin').value;
    }
    const button = $('sign-in');
    button.disabled = true;
    try {
      const r = await api('POST', '/api/v1/cloud/login', body);
      if (r.status === 200) {
        for (const id of ['password', 'pin', 'new-pin', 'new-pin-again']) {
          $(id).value = '';
        }
        askPin = askNewPin = false;
        $('pin-row').hidden = $('new-pin-rows').hidden = true;
        showPhone(r.body);
        return;
      }
      const field = r.body && r.body.errors && r.body.errors.length ? r.body.errors[0].field : null;
      if (r.status === 400 && field === 'newPin') {
        askNewPin = true;
        $('new-pin-rows').hidden = false;
        $('new-pin-hint').textContent = problemText(r.body, 'Choose a PIN.');
        $('new-pin').focus();
        return;
      }
      if (r.status === 400 && field === 'pin') {
        askPin = true;
        $('pin-row').hidden = false;
        $('pin').focus();
        return;
      }
      error.textContent = problemText(r.body, `Sign-in failed (${r.status}).`);
    } catch (e) {
      error.textContent = 'The server cannot be reached. Check your connection and try again.';
    } finally {
      button.disabled = false;
    }
  }

  async function signOut() {
    disconnect();
    try {
      await api('POST', '/api/v1/cloud/logout');
    } finally {
      showLogin('You signed out.');
    }
  }

  // ---- the phone's screen ----------------------------------------------------------------------

  function showPhone(me) {
    s.me = me;
    $('login').hidden = true;
    $('phone').hidden = false;
    $('who').textContent = me.displayName ? `${me.displayName} (${me.user})` : me.user;
    if (!s.worker) {
      const offscreen = $('screen').transferControlToOffscreen();
      s.worker = new Worker('display-worker.js');
      s.worker.onmessage = fromWorker;
      s.worker.postMessage({ type: 'canvas', canvas: offscreen }, [offscreen]);
    }
    connect();
  }

  function connect() {
    clearTimeout(s.retryTimer);
    disconnect();
    s.generation++;
    s.worker.postMessage({ type: 'reset', generation: s.generation });
    s.welcome = null;
    s.status = 'connecting';
    overlay('Connecting to your phone…');
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const socket = new WebSocket(`${scheme}${location.host}/api/v1/cloud/display`);
    socket.binaryType = 'arraybuffer';
    s.socket = socket;
    socket.onopen = () => {
      s.connected = true;
      const dpr = devicePixelRatio || 1;
      socket.send(D.hello(1, D.VERSION, clampDim(innerWidth * dpr), clampDim(innerHeight * dpr), Math.round(96 * dpr)));
      s.pingTimer = setInterval(() => send(D.ping((Date.now() / 1000) >>> 0)), 15000);
    };
    socket.onmessage = (event) => {
      if (socket !== s.socket) {
        return;
      }
      const bytes = new Uint8Array(event.data);
      if (bytes[0] === D.Type.FRAME) {
        s.worker.postMessage({ type: 'frame', data: event.data }, [event.data]);
        return;
      }
      let message;
      try {
        message = D.parseServerMessage(bytes);
      } catch (e) {
        socket.close(4000, 'bad message');
        return;
      }
      fromServer(message);
    };
    socket.onclose = () => {
      clearInterval(s.pingTimer);
      if (socket !== s.socket) {
        return;
      }
      s.socket = null;
      s.connected = false;
      if (s.status === 'connected' || s.status === 'connecting' || s.status === 'starting') {
        lost();
      }
    };
  }

  function disconnect() {
    clearInterval(s.pingTimer);
    if (s.socket) {
      const socket = s.socket;
      s.socket = null;
      s.connected = false;
      socket.close(1000, 'bye');
    }
  }

  function send(message) {
    if (s.socket && s.socket.readyState === WebSocket.OPEN) {
      s.socket.send(message);
    }
  }

  function fromServer(m) {
    switch (m.type) {
      case 'welcome':
        s.welcome = m;
        s.status = 'connected';
        s.retries = 0;
        hideOverlay();
        drawWatermark();
        if (coarse) {
          askForViewportShape();
        }
        break;
      case 'status':
        status(m);
        break;
      case 'clipboard':
        if (navigator.clipboard) {
          navigator.clipboard.writeText(m.text).then(() => toast('Copied from your work phone'),
            () => toast('The browser did not allow copying'));
        }
        break;
      case 'pong':
        break;
    }
  }

  function status(m) {
    switch (m.name) {
      case 'STARTING':
        s.status = 'starting';
        overlay('Starting your phone…');
        break;
      case 'TAKEN_OVER':
        s.status = 'taken-over';
        overlay('Your phone was opened in another window.', 'Use it here', connect);
        break;
      case 'PHONE_STOPPED':
        s.status = 'stopped';
        overlay(`Your phone stopped${m.text ? `: ${m.text}` : '.'} Starting it again…`);
        retry(2000);
        break;
      case 'SESSION_EXPIRED':
        s.status = 'expired';
        showLogin(m.text || 'Your session ended. Sign in again.');
        break;
      case 'DISABLED':
        s.status = 'disabled';
        overlay(`Your work phone is disabled${m.text ? `: ${m.text}` : '.'}`, 'Try again', connect);
        break;
      case 'LOCKED':
        s.status = 'locked';
        showLogin(m.text || 'Your phone locked. Sign in again to unlock it.');
        break;
    }
  }

  /** The connection dropped without a word: if the session still holds, connect again with backoff. */
  async function lost() {
    s.status = 'lost';
    try {
      const me = await api('GET', '/api/v1/cloud/me');
      if (me.status === 401) {
        showLogin('Your session ended. Sign in again.');
        return;
      }
    } catch (e) {
      // the server or the network is down: keep trying
    }
    const delay = RETRY_DELAYS_MS[Math.min(s.retries, RETRY_DELAYS_MS.length - 1)];
    s.retries++;
    overlay(`Connection lost. Reconnecting in ${Math.ceil(delay / 1000)} s…`, 'Reconnect now', connect);
    retry(delay);
  }

  function retry(delay) {
    clearTimeout(s.retryTimer);
    s.retryTimer = setTimeout(() => {
      if (s.me) {
        connect();
      }
    }, delay);
  }

  function fromWorker(event) {
    const m = event.data;
    if (m.type === 'hash') {
      const done = s.hashes.get(m.id);
      s.hashes.delete(m.id);
      if (done) {
        done(m.hex);
      }
      return;
    }
    if (m.generation !== s.generation) {
      return;
    }
    if (m.type === 'drawn') {
      s.frames++;
      send(D.ack(m.frame));
      if (m.width !== s.width || m.height !== s.height) {
        s.width = m.width;
        s.height = m.height;
        layout();
      }
    } else if (m.type === 'broken') {
      // The decoder lost its place in the stream; only a new connection (and encoder) can go on.
      overlay('Reconnecting…');
      connect();
    }
  }

  // ---- layout, watermark, overlay ----------------------------------------------------------------

  function layout() {
    if (!s.width) {
      return;
    }
    const stage = $('stage').getBoundingClientRect();
    const scale = Math.min(stage.width / s.width, stage.height / s.height);
    const frame = $('frame');
    frame.style.width = `${Math.floor(s.width * scale)}px`;
    frame.style.height = `${Math.floor(s.height * scale)}px`;
    drawWatermark();
  }

  function drawWatermark() {
    const canvas = $('watermark');
    const g = canvas.getContext('2d');
    const mark = s.welcome && s.welcome.watermark;
    const rect = canvas.getBoundingClientRect();
    const dpr = devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(rect.width * dpr));
    canvas.height = Math.max(1, Math.round(rect.height * dpr));
    g.clearRect(0, 0, canvas.width, canvas.height);
    clearTimeout(s.watermarkTimer);
    if (!mark) {
      return;
    }
    const text = `${mark} · ${new Date().toLocaleString([], { dateStyle: 'short', timeStyle: 'short' })}`;
    g.font = `${Math.round(13 * dpr)}px system-ui, sans-serif`;
    g.fillStyle = 'rgba(150, 150, 150, 0.22)';
    const step = g.measureText(text).width + 60 * dpr;
    g.save();
    g.translate(canvas.width / 2, canvas.height / 2);
    g.rotate(-Math.PI / 6);
    const reach = Math.hypot(canvas.width, canvas.height);
    for (let y = -reach; y < reach; y += 90 * dpr) {
      for (let x = -reach + ((y / (90 * dpr)) % 2) * step / 2; x < reach; x += step) {
        g.fillText(text, x, y);
      }
    }
    g.restore();
    // The time in the watermark moves on with the clock.
    s.watermarkTimer = setTimeout(drawWatermark, 60000);
  }

  function overlay(text, buttonText, action) {
    $('overlay').hidden = false;
    $('overlay-text').textContent = text;
    const button = $('overlay-button');
    button.hidden = !buttonText;
    button.textContent = buttonText || '';
    button.onclick = action || null;
  }

  function hideOverlay() {
    $('overlay').hidden = true;
  }

  let toastTimer = 0;
  function toast(text) {
    const t = $('toast');
    t.textContent = text;
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { t.hidden = true; }, 2500);
  }

  function clampDim(v) {
    return Math.max(1, Math.min(D.Limits.MAX_DIMENSION, Math.round(v)));
  }

  /** On a phone or tablet, the work phone takes the shape of the screen it is shown on (the server keeps its width). */
  function askForViewportShape() {
    const dpr = devicePixelRatio || 1;
    const stage = $('stage').getBoundingClientRect();
    send(D.resize(clampDim(stage.width * dpr), clampDim(stage.height * dpr), Math.round(96 * dpr)));
  }

  // ---- input -------------------------------------------------------------------------------------

  function point(event) {
    const r = $('screen').getBoundingClientRect();
    const x = Math.floor(((event.clientX - r.left) / r.width) * s.width);
    const y = Math.floor(((event.clientY - r.top) / r.height) * s.height);
    return [Math.max(0, Math.min(s.width - 1, x)), Math.max(0, Math.min(s.height - 1, y))];
  }

  function pointerIndex(id) {
    if (s.pointers.has(id)) {
      return s.pointers.get(id);
    }
    const used = new Set(s.pointers.values());
    for (let i = 0; i < 31; i++) {
      if (!used.has(i)) {
        s.pointers.set(id, i);
        return i;
      }
    }
    return -1;
  }

  function touch(action, event) {
    if (!s.welcome || !s.width) {
      return;
    }
    const index = action === D.TouchAction.DOWN ? pointerIndex(event.pointerId) : s.pointers.get(event.pointerId);
    if (index === undefined || index < 0) {
      return;
    }
    const [x, y] = point(event);
    send(D.touch(action, index, x, y));
    if (action === D.TouchAction.UP || action === D.TouchAction.CANCEL) {
      s.pointers.delete(event.pointerId);
    }
  }

  function bindInput() {
    const screen = $('screen');
    screen.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      screen.setPointerCapture(e.pointerId);
      touch(D.TouchAction.DOWN, e);
      if (!coarse) {
        $('ime').focus({ preventScroll: true });
      }
    });
    screen.addEventListener('pointermove', (e) => {
      if (s.pointers.has(e.pointerId)) {
        touch(D.TouchAction.MOVE, e);
      }
    });
    screen.addEventListener('pointerup', (e) => {
      touch(D.TouchAction.UP, e);
      if (!coarse) {
        $('ime').focus({ preventScroll: true });
      }
    });
    // A press on the canvas would otherwise move the focus away from the keyboard input to the page.
    screen.addEventListener('mousedown', (e) => e.preventDefault());
    screen.addEventListener('pointercancel', (e) => touch(D.TouchAction.CANCEL, e));
    screen.addEventListener('contextmenu', (e) => e.preventDefault());
    // A mouse wheel becomes a short drag, the way a finger scrolls a phone.
    screen.addEventListener('wheel', (e) => {
      e.preventDefault();
      if (!s.welcome || s.pointers.size) {
        return;
      }
      const [x, y] = point(e);
      const scale = e.deltaMode === 1 ? 40 : e.deltaMode === 2 ? s.height * 0.8 : 1;
      const dy = Math.max(-s.height / 3, Math.min(s.height / 3, e.deltaY * scale));
      const toY = Math.max(0, Math.min(s.height - 1, Math.round(y - dy)));
      send(D.touch(D.TouchAction.DOWN, 31, x, y));
      send(D.touch(D.TouchAction.MOVE, 31, x, Math.round((y + toY) / 2)));
      send(D.touch(D.TouchAction.MOVE, 31, x, toY));
      send(D.touch(D.TouchAction.UP, 31, x, toY));
    }, { passive: false });

    const ime = $('ime');
    ime.addEventListener('keydown', (e) => {
      if (e.isComposing || !s.welcome) {
        return;
      }
      const modifiers = (e.shiftKey ? D.Modifiers.SHIFT : 0) | (e.ctrlKey ? D.Modifiers.CTRL : 0)
        | (e.altKey ? D.Modifiers.ALT : 0) | (e.metaKey ? D.Modifiers.META : 0);
      const named = NAMED_KEYS[e.key];
      if (named !== undefined) {
        e.preventDefault();
        send(D.key(D.KeyAction.DOWN, named, modifiers));
        send(D.key(D.KeyAction.UP, named, modifiers));
      } else if ((e.ctrlKey || e.metaKey) && e.key.length === 1 && e.key.toLowerCase() !== 'v') {
        // Shortcuts (select all, copy, undo) go to the phone; paste is left to the paste event.
        e.preventDefault();
        const code = e.key.toLowerCase().codePointAt(0);
        send(D.key(D.KeyAction.DOWN, code, modifiers));
        send(D.key(D.KeyAction.UP, code, modifiers));
      }
    });
    // Virtual keyboards often send no usable keydown: their edits arrive as input events.
    ime.addEventListener('beforeinput', (e) => {
      if (e.inputType === 'deleteContentBackward' || e.inputType === 'deleteContentForward') {
        e.preventDefault();
        const key = e.inputType === 'deleteContentBackward' ? D.Keys.BACKSPACE : D.Keys.DELETE;
        send(D.key(D.KeyAction.DOWN, key, 0));
        send(D.key(D.KeyAction.UP, key, 0));
      } else if (e.inputType === 'insertLineBreak' || e.inputType === 'insertParagraph') {
        e.preventDefault();
        send(D.key(D.KeyAction.DOWN, D.Keys.ENTER, 0));
        send(D.key(D.KeyAction.UP, D.Keys.ENTER, 0));
      }
    });
    ime.addEventListener('input', (e) => {
      if (e.isComposing) {
        return;
      }
      typeText(ime.value);
      ime.value = '';
    });
    ime.addEventListener('compositionend', (e) => {
      typeText(e.data || ime.value);
      ime.value = '';
    });
    document.addEventListener('paste', (e) => {
      if (!s.welcome || $('phone').hidden) {
        return;
      }
      e.preventDefault();
      typeText(e.clipboardData.getData('text/plain'));
    });
    document.addEventListener('keydown', (e) => {
      // Typing anywhere on the phone's page types on the phone.
      if (!$('phone').hidden && document.activeElement !== ime && !e.isComposing && e.target.tagName !== 'BUTTON') {
        ime.focus({ preventScroll: true });
      }
    });
    $('keyboard').addEventListener('click', () => {
      ime.focus({ preventScroll: false });
    });
  }

  /** Text as the phone takes it: lines become ENTER keys, control characters go, at most 1,000 characters a message. */
  function typeText(value) {
    if (!value || !s.welcome) {
      return;
    }
    const lines = value.split(/\r\n|\r|\n/);
    lines.forEach((line, i) => {
      if (i > 0) {
        send(D.key(D.KeyAction.DOWN, D.Keys.ENTER, 0));
        send(D.key(D.KeyAction.UP, D.Keys.ENTER, 0));
      }
      const chars = Array.from(line.replace(/[\u0000-\u001f\u007f-\u009f]/g, ''));
      for (let i2 = 0; i2 < chars.length; i2 += 1000) {
        send(D.text(chars.slice(i2, i2 + 1000).join('')));
      }
    });
  }

  // ---- start -------------------------------------------------------------------------------------

  /** What the page shows, for the people and tests that look at it from outside: state only, never the phone's content. */
  self.workcell = Object.freeze({
    state: () => ({
      status: s.status, connected: s.connected, width: s.width, height: s.height, frames: s.frames,
      overlay: $('overlay').hidden ? null : $('overlay-text').textContent, watermark: s.welcome ? s.welcome.watermark : null,
    }),
    /** SHA-256 of the decoded screen's rows [fromRow, toRow). */
    screenHash: (fromRow, toRow) => new Promise((resolve) => {
      const id = ++s.hashId;
      s.hashes.set(id, resolve);
      s.worker.postMessage({ type: 'hash', id, fromRow, toRow });
    }),
  });

  async function start() {
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('sw.js').catch(() => {});
    }
    $('login-form').addEventListener('submit', signIn);
    $('sign-out').addEventListener('click', signOut);
    bindInput();
    addEventListener('resize', () => {
      layout();
      if (coarse && s.welcome) {
        clearTimeout(s.resizeTimer);
        s.resizeTimer = setTimeout(askForViewportShape, 400);
      }
    });
    addEventListener('online', () => {
      if (s.status === 'lost') {
        connect();
      }
    });
    try {
      const me = await api('GET', '/api/v1/cloud/me');
      if (me.status === 200) {
        showPhone(me.body);
      } else {
        showLogin();
      }
    } catch (e) {
      showLogin('The server cannot be reached. Check your connection and reload.');
    }
  }

  start();
})();
