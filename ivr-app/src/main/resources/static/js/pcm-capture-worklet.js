// Audio worklet: hands each block of microphone samples (mono, Float32, the context's rate) to the
// page, which keeps them and writes a WAV file (prompt-recorder.js).
class PcmCapture extends AudioWorkletProcessor {
  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (channel && channel.length) {
      this.port.postMessage(channel.slice(0));
    }
    return true;
  }
}
registerProcessor('pcm-capture', PcmCapture);
