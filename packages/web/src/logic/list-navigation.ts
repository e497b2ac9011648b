/** j/k (and arrows) move the selection through a list without falling off either end. */
export function moveSelection(current: number, key: string, length: number): number | null {
  if (length === 0) return null;
  if (key === 'j' || key === 'ArrowDown') return Math.min(length - 1, current < 0 ? 0 : current + 1);
  if (key === 'k' || key === 'ArrowUp') return Math.max(0, current < 0 ? 0 : current - 1);
  if (key === 'g' || key === 'Home') return 0;
  if (key === 'G' || key === 'End') return length - 1;
  return null;
}

/** Typing in a field must not be read as list navigation. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof target !== 'object' || !('tagName' in target)) return false;
  const tag = String((target as { tagName: string }).tagName).toLowerCase();
  return (
    tag === 'input' ||
    tag === 'textarea' ||
    tag === 'select' ||
    Boolean((target as { isContentEditable?: boolean }).isContentEditable)
  );
}
