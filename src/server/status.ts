/** A unit's status for one report year, derived from its newest version and that version's newest review. */
export const STATUSES = {
  none: '未报送',
  errors: '有错误',
  submitted: '已报送',
  returned: '已退回',
  confirmed: '已确认',
} as const;

export type Status = keyof typeof STATUSES;

export function statusOf(latest: { valid: boolean; review?: 'return' | 'confirm' | null } | undefined): Status {
  if (!latest) return 'none';
  if (latest.review === 'confirm') return 'confirmed';
  if (latest.review === 'return') return 'returned';
  return latest.valid ? 'submitted' : 'errors';
}
