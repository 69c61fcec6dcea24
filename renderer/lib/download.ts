// Handing a file from the backend (base64) to the user as a download: a Blob
// behind a temporary <a download>, the same in the browser host and in Electron
// (which shows its save dialog). The one download helper of the renderer.
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The shape every export result already has, so call sites pass it whole and cannot swap the strings. */
export interface DownloadableFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

export function downloadFile(file: DownloadableFile): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(file.base64)], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started from the click; give slow hosts a moment before freeing the Blob.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
