// Reading dropped or picked files for upload to the backend.
export async function fileToBase64(file: File): Promise<string> {
  const buf = new Uint8Array(await file.arrayBuffer());
  let s = '';
  const chunk = 0x8000;
  for (let i = 0; i < buf.length; i += chunk) s += String.fromCharCode(...buf.subarray(i, i + chunk));
  return btoa(s);
}

export async function filesToUploads(files: File[]): Promise<{ name: string; data: string }[]> {
  return Promise.all(files.map(async (f) => ({ name: f.webkitRelativePath || f.name, data: await fileToBase64(f) })));
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
