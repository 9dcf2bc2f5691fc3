// Records a prompt with the microphone on the prompt page: raw PCM through the Web Audio API
// (an AudioWorklet, pcm-capture-worklet.js), written here as a 16-bit mono WAV file and put into
// the upload form's file field, so a recording and an uploaded file take the same way to the
// server. No MediaRecorder: Chromium's webm/opus would need a decoder on the server.
(function () {
  'use strict';

  function wav(samples, rate) {
    const buffer = new ArrayBuffer(44 + samples.length * 2);
    const view = new DataView(buffer);
    const text = (at, s) => { for (let i = 0; i < s.length; i++) view.setUint8(at + i, s.charCodeAt(i)); };
    text(0, 'RIFF'); view.setUint32(4, 36 + samples.length * 2, true); text(8, 'WAVE');
    text(12, 'fmt '); view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
    view.setUint32(24, rate, true); view.setUint32(28, rate * 2, true); view.setUint16(32, 2, true);
    view.setUint16(34, 16, true); text(36, 'data'); view.setUint32(40, samples.length * 2, true);
    for (let i = 0; i < samples.length; i++) {
      const s = Math.max(-1, Math.min(1, samples[i]));
      view.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
    }
    return new Blob([buffer], { type: 'audio/wav' });
  }

  function merge(chunks, length) {
    const all = new Float32Array(length);
    let at = 0;
    chunks.forEach((c) => { all.set(c, at); at += c.length; });
    return all;
  }

  function setUp(box) {
    const dialect = box.dataset.dialect;
    const start = box.querySelector('.rec-start');
    const stop = box.querySelector('.rec-stop');
    const play = box.querySelector('.rec-play');
    const seconds = box.querySelector('.rec-seconds');
    const error = box.querySelector('.rec-error');
    const form = document.getElementById('upload-' + dialect);
    const fileInput = form.querySelector('input[type=file]');
    const sourceInput = form.querySelector('input[name=source]');
    let ctx = null;
    let stream = null;
    let source = null;
    let chunks = [];
    let length = 0;
    let rate = 0;
    let captured = null;

    fileInput.addEventListener('change', () => { sourceInput.value = 'UPLOAD'; });

    start.addEventListener('click', async () => {
      error.hidden = true;
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
        });
        ctx = new AudioContext();
        await ctx.audioWorklet.addModule(box.dataset.worklet);
        source = ctx.createMediaStreamSource(stream);
        const node = new AudioWorkletNode(ctx, 'pcm-capture');
        const mute = ctx.createGain();
        mute.gain.value = 0;
        chunks = [];
        length = 0;
        rate = ctx.sampleRate;
        node.port.onmessage = (e) => {
          chunks.push(e.data);
          length += e.data.length;
          const s = (length / rate).toFixed(1);
          if (seconds.textContent !== s) {
            seconds.textContent = s;
            seconds.dataset.seconds = s;
          }
        };
        source.connect(node);
        node.connect(mute);
        mute.connect(ctx.destination);
        start.disabled = true;
        stop.disabled = false;
        box.dataset.state = 'recording';
      } catch (e) {
        error.textContent = box.dataset.micError + ' (' + e.name + ')';
        error.hidden = false;
      }
    });

    stop.addEventListener('click', () => {
      stream.getTracks().forEach((t) => t.stop());
      source.disconnect();
      ctx.close();
      captured = merge(chunks, length);
      const file = new File([wav(captured, rate)], 'recording-' + dialect + '.wav', { type: 'audio/wav' });
      const files = new DataTransfer();
      files.items.add(file);
      fileInput.files = files.files;
      sourceInput.value = 'MICROPHONE';
      start.disabled = false;
      stop.disabled = true;
      play.disabled = false;
      box.dataset.state = 'recorded';
    });

    // played through Web Audio too: the page's policy (media-src 'self') allows no blob: audio
    play.addEventListener('click', () => {
      const out = new AudioContext();
      const buffer = out.createBuffer(1, captured.length, rate);
      buffer.copyToChannel(captured, 0);
      const s = out.createBufferSource();
      s.buffer = buffer;
      s.connect(out.destination);
      s.onended = () => out.close();
      s.start();
    });
  }

  document.querySelectorAll('.recorder').forEach(setUp);
})();
