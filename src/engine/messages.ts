/** Fills `{{name}}` placeholders; a missing value is reported through `onMissing` and left visible. */
export function fillTemplate(
  template: string,
  data: Readonly<Record<string, string | number>> | undefined,
  onMissing: (name: string) => void = () => {},
): string {
  return template.replace(/\{\{\s*([\w-]+)\s*\}\}/g, (placeholder, name: string) => {
    const value = data && Object.prototype.hasOwnProperty.call(data, name) ? data[name] : undefined;
    if (value === undefined) {
      onMissing(name);
      return placeholder;
    }
    return String(value);
  });
}
