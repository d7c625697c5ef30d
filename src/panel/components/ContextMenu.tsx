import { useEffect } from 'preact/hooks';
import styles from './ContextMenu.module.css';

export interface MenuItem {
  label: string;
  action: () => void;
  disabled?: boolean;
}

export function ContextMenu({ x, y, items, onClose }: { x: number; y: number; items: MenuItem[]; onClose: () => void }) {
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
    <div class={styles.menu} style={{ left: `${x}px`, top: `${y}px` }} role="menu" data-role="context-menu">
      {items.map((item) => (
        <button key={item.label} role="menuitem" disabled={item.disabled} onClick={() => { item.action(); onClose(); }}>
          {item.label}
        </button>
      ))}
    </div>
  );
}
