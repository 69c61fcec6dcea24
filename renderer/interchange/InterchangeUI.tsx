// Export/import dialogs and their commands (issue 6). Mounted once in App.
export function InterchangeUI() {
  return null;
}
