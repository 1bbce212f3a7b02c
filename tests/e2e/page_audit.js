// What the HR page's browser test asks of every state it visits: WCAG 2.1 AA contrast for each visible piece of
// text (4.5:1, 3:1 when large), a name for every control, and every control reachable by keyboard.
// Returns a list of problems, empty when there are none.
const problems = [];
const rgba = (text) => (text.match(/[\d.]+/g) || []).map(Number);
const luminance = ([r, g, b]) => {
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};
const background = (element) => {
  for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
    const [r, g, b, a = 1] = rgba(getComputedStyle(node).backgroundColor);
    if (a >= 0.99) return [r, g, b];
  }
  return [255, 255, 255];
};
const visible = (element) => {
  const box = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && style.display !== "none";
};
for (const element of document.body.querySelectorAll("*")) {
  const own = [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  if (!own || !visible(element)) continue;
  const style = getComputedStyle(element);
  const [r, g, b, a = 1] = rgba(style.color);
  const back = background(element);
  const fore = [r, g, b].map((v, i) => v * a + back[i] * (1 - a));
  const [light, dark] = [luminance(fore), luminance(back)].sort((x, y) => y - x);
  const ratio = (light + 0.05) / (dark + 0.05);
  const size = parseFloat(style.fontSize);
  const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
  if (ratio < (large ? 3 : 4.5)) {
    problems.push(`contrast ${ratio.toFixed(2)} for "${element.textContent.trim().slice(0, 40)}" (${style.color} on rgb(${back}))`);
  }
}
for (const control of document.querySelectorAll("button, input:not([type=hidden]), select, textarea, summary, a[href]")) {
  if (!visible(control)) continue;
  const labelled = control.labels?.length || control.getAttribute("aria-label") || control.textContent.trim();
  if (!labelled) problems.push(`no name: ${control.outerHTML.slice(0, 80)}`);
  if (control.tabIndex < 0) problems.push(`not reachable by keyboard: ${control.outerHTML.slice(0, 80)}`);
}
return problems;
