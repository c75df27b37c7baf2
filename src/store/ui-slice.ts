import type { Slice, UiSlice } from './types';

export const createUiSlice: Slice<UiSlice> = () => (set, get) => ({
  notices: [],
  nextNoticeId: 1,
  addNotice: (kind, text, download) => {
    if (get().notices.some((n) => n.text === text)) return;
    set((s) => ({
      notices: [...s.notices, { id: s.nextNoticeId, kind, text, ...(download && { download }) }],
      nextNoticeId: s.nextNoticeId + 1,
    }));
  },
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  shortcutsOpen: false,
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  cursor: -1,
  setCursor: (cursor) => set({ cursor }),
  currentList: { items: [], hrefFor: (id) => `/papers/${id}`, resolve: (item) => item.paper },
  setCurrentList: (currentList) => set({ currentList }),
  pagePaper: null,
  setPagePaper: (pagePaper) => set({ pagePaper }),
});
