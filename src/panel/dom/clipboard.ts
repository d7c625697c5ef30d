/** Copies text from an extension panel (navigator.clipboard is often refused in DevTools panels). */
export function copyText(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  if (!ok) void navigator.clipboard?.writeText(text).catch(() => {});
  return true;
}
