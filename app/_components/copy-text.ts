/**
 * Copies the text of `field` to the clipboard. The Clipboard API exists only in secure contexts, so on a
 * classroom's plain-http address the field is selected and copied with the older copy command, which a
 * click may still use there. The text is left selected in any case, so Ctrl+C works where neither does.
 * Resolves with whether the text reached the clipboard.
 */
export async function copyText(field: HTMLInputElement): Promise<boolean> {
  field.focus();
  field.select();
  if (navigator.clipboard)
    return navigator.clipboard.writeText(field.value).then(
      () => true,
      () => false,
    );
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}
