import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import styles from './ContextMenu.module.css';

export interface MenuItem {
  label: string;
  action: () => void;
  disabled?: boolean;
  /** A check item (shown with a check mark when true). */
  checked?: boolean;
}

/**
 * A menu at the pointer, moved back inside the panel when it would overflow an edge. It takes the
 * focus (↑/↓ move, Enter picks, Esc closes) and gives it back when it closes.
 */
export function ContextMenu({ x, y, items, onClose }: { x: number; y: number; items: MenuItem[]; onClose: () => void }) {
  const el = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ x, y });
  useLayoutEffect(() => {
    const r = el.current!.getBoundingClientRect();
    setPos({ x: Math.max(0, Math.min(x, innerWidth - r.width - 2)), y: Math.max(0, Math.min(y, innerHeight - r.height - 2)) });
  }, [x, y]);
  useLayoutEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    (el.current!.querySelector('button:not(:disabled)') as HTMLElement | null)?.focus();
    return () => previous?.focus();
  }, []);
  const onMenuKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const enabled = [...el.current!.querySelectorAll<HTMLElement>('button:not(:disabled)')];
    const at = enabled.indexOf(document.activeElement as HTMLElement);
    enabled[(at + (e.key === 'ArrowDown' ? 1 : enabled.length - 1)) % enabled.length]?.focus();
  };
  useEffect(() => {
    const close = () => onClose();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    setTimeout(() => document.addEventListener('click', close), 0);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('click', close);
      document.removeEventListener('keydown', onKey);
    };
  }, []);
  return (
    <div ref={el} class={styles.menu} style={{ left: `${pos.x}px`, top: `${pos.y}px` }} role="menu" data-role="context-menu" onKeyDown={onMenuKey}>
      {items.map((item) => (
        <button key={item.label} role={item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'} aria-checked={item.checked} disabled={item.disabled} onClick={() => { item.action(); onClose(); }}>
          {item.label}
        </button>
      ))}
    </div>
  );
}
