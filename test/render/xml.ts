/** A small well-formedness check for generated SVG (tags balanced, attributes quoted, entities known). */
export function wellFormedXmlErrors(xml: string): string[] {
  const errors: string[] = [];
  const stack: string[] = [];
  const body = xml.replace(/<\?xml[\s\S]*?\?>/, '').replace(/<!DOCTYPE[\s\S]*?>/, '').replace(/<!--[\s\S]*?-->/g, '');
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const text = body.slice(last, m.index);
    if (text.includes('<')) errors.push(`stray "<" near ${JSON.stringify(text.slice(0, 40))}`);
    for (const e of text.match(/&[^;\s]*;?/g) ?? []) if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/.test(e)) errors.push(`bad entity ${e}`);
    last = tag.lastIndex;
    const [, closing, name, , selfClosing] = m;
    if (selfClosing) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) errors.push(`unbalanced </${name}>`);
  }
  if (body.slice(last).includes('<')) errors.push('unparsed markup at the end');
  if (stack.length > 0) errors.push(`unclosed ${stack.join(', ')}`);
  return errors;
}
