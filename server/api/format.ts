/** Formatting shared by chart titles: months as "Mar 2024". */
const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2024-03" or "2024-03-01" → "Mar 2024". */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${names[m - 1]} ${y}`;
}
