// Save an exported file: a Blob behind a temporary link with a `download`
// attribute. Works in the browser host and in Electron (which shows its save dialog).
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function downloadFile(fileName: string, mimeType: string, base64: string): void {
  const blob = new Blob([base64ToBytes(base64)], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started from the click; give slow hosts a moment before freeing the Blob.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
