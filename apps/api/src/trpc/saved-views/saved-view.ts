export interface SavedViewView {
  id: string;
  name: string;
  query: string;
  columns: string[];
  createdAt: string;
}

/** The saved_views columns the console sees (the row also holds its owner and namespace). */
interface SavedViewRow {
  id: string;
  name: string;
  query: string;
  columns: string[];
  createdAt: Date;
}

export function toSavedViewView(row: SavedViewRow): SavedViewView {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    columns: row.columns,
    createdAt: row.createdAt.toISOString(),
  };
}
