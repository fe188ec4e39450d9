/** Markup that is already safe to insert as is: escaped text, or markup built with `html`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Insert = string | number | SafeHtml | SafeHtml[];

/** Text made safe for an HTML element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * A template for markup: every inserted string is escaped, so agency configuration and locale
 * text can never become markup by accident. Insert `SafeHtml` (or a list of it) for nested parts.
 */
export function html(strings: TemplateStringsArray, ...values: Insert[]): SafeHtml {
  const render = (value: Insert): string => {
    if (value instanceof SafeHtml) return value.value;
    if (Array.isArray(value)) return value.map(render).join('');
    return escapeHtml(String(value));
  };
  return new SafeHtml(strings.reduce((out, part, index) => out + part + (index < values.length ? render(values[index] as Insert) : ''), ''));
}
