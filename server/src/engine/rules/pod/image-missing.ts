import { containerRule } from '../../check/pod-rule';
import { replaceString } from '../../edit/replace';
import { headSpan } from '../../edit/spans';
import { fieldPath, type Rule } from '../../check/rule';
import { quote } from '../../text';
import type { RuleFinding } from '../../types';

/**
 * `image` is required for every container (validateContainerCommon: Required value when empty).
 * Leading or trailing whitespace is rejected for Pods only (validateContainersOnlyForPod): a template
 * accepts it, but every Pod the controller creates from it is rejected, so templates get a warning.
 */
export const imageMissing: Rule = containerRule({
  id: 'pod/image-missing',
  defaultSeverity: 'error',
  description: 'A container or init container without an image, or with an image that is empty or padded with whitespace.',
}, (ctx, { container, path, label }, pod) => {
  const findings: RuleFinding[] = [];
  const image = container.image;
  const imagePath = [...path, 'image'];
  if (image === undefined) {
    const span = container.name !== undefined ? ctx.valueSpan([...path, 'name']) : headSpan(ctx.manifest, path) ?? ctx.keySpan(path);
    findings.push({ ...span,
      message: `Container ${label} has no image (${fieldPath(imagePath)}: Required value). Add "image:" with the image to run, e.g. "nginx:1.27".` });
  } else if (image === '') {
    findings.push({ ...ctx.valueSpan(imagePath),
      message: `Container ${label} has an empty image (${fieldPath(imagePath)}: Required value). Set it to the image to run, e.g. "nginx:1.27".` });
  } else if (typeof image === 'string' && image.trim() !== image) {
    const trimmed = image.trim();
    const edit = trimmed ? replaceString(ctx.manifest, imagePath, trimmed) : undefined;
    const what = trimmed ? 'has leading or trailing whitespace' : 'is only whitespace';
    findings.push({ ...ctx.valueSpan(imagePath),
      severity: pod.isPod ? 'error' : 'warning',
      message: `Image ${quote(image)} of container ${label} ${what}: ${pod.isPod ? 'the Pod is rejected' : 'every Pod created from this template is rejected'} ` +
        `(must not have leading or trailing whitespace). ${trimmed ? 'Remove the spaces.' : 'Set the image to run, e.g. "nginx:1.27".'}`,
      fixes: edit ? [{ title: `Trim the image to ${quote(trimmed)}`, edits: [edit], safe: true, preferred: true }] : [] });
  }
  return findings;
});
