import type { Slice, UiSlice } from './types';

let nextNotice = 1;

export const createUiSlice: Slice<UiSlice> = () => (set, get) => ({
  notices: [],
  addNotice: (kind, text) => {
    if (get().notices.some((n) => n.text === text)) return;
    set((s) => ({ notices: [...s.notices, { id: nextNotice++, kind, text }] }));
  },
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  shortcutsOpen: false,
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  cursor: -1,
  setCursor: (cursor) => set({ cursor }),
});
