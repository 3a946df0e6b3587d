// VS Code snippet syntax in fix edits, for clients that cannot take snippets: each placeholder
// becomes its default text.

/** `${1:x}` → x, `${1|a,b|}` → a (the first choice), `$1`, `${1}` and `$0` → '', `\$` → `$`. */
export function expandSnippet(body: string): string {
  let text = body;
  for (let guard = 0; guard < 20 && /\$\{\d+[:|]/.test(text); guard++) {
    text = text.replace(/\$\{\d+\|([^,|}]*)(?:,[^|}]*)?\|\}/g, '$1').replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  }
  return text.replace(/\$\{\d+\}/g, '').replace(/(?<!\\)\$\d+/g, '').replace(/\\\$/g, '$');
}
