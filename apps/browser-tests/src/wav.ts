/** A mono 16-bit PCM WAV of a chirp (for Chromium's fake microphone and the file input). */
export function chirpWav(sampleRate = 48000, seconds = 3): Uint8Array {
  const n = sampleRate * seconds;
  const buf = new ArrayBuffer(44 + 2 * n);
  const v = new DataView(buf);
  const str = (o: number, s: string) => {
    for (let i = 0; i < s.length; i++) v.setUint8(o + i, s.charCodeAt(i));
  };
  str(0, "RIFF");
  v.setUint32(4, 36 + 2 * n, true);
  str(8, "WAVEfmt ");
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, 2 * sampleRate, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  str(36, "data");
  v.setUint32(40, 2 * n, true);
  for (let i = 0; i < n; i++) {
    const t = i / sampleRate;
    const x = 0.5 * Math.sin(2 * Math.PI * (200 * t + (1500 * t * t) / seconds));
    v.setInt16(44 + 2 * i, Math.round(x * 32767), true);
  }
  return new Uint8Array(buf);
}
