// The "new space" dialog: name, description, template, visibility, capacity.
import { TEMPLATES, type Api, type SpaceSummary, type Visibility } from '../api/rest';
import { readableApiError } from '../app/errors';
import { parseCapacity, spaceNameProblem } from '../app/validation';
import type { MessageKey } from '../i18n';
import { createDialog, type Dialog } from './dialog';
import { h, tx, uid } from './dom';
import { field, formMessage, setBusy } from './form';

const VISIBILITIES: readonly Visibility[] = ['public', 'unlisted', 'private'];

export function createSpaceDialog(api: Api, token: () => string, onCreated: (space: SpaceSummary) => void): Dialog {
  const dialog = createDialog('create.title');
  const name = field('create.name', h('input', { attrs: { type: 'text', maxlength: 100, required: true, autocomplete: 'off' } }));
  const description = field('create.description', h('textarea', { attrs: { rows: 3, maxlength: 2000 } }));
  const templateSelect = h('select', {});
  for (const tpl of TEMPLATES) {
    const o = h('option', { attrs: { value: tpl } });
    tx(o, `template.${tpl}` as MessageKey);
    templateSelect.append(o);
  }
  const template = field('create.template', templateSelect);
  const capacity = field('create.capacity', h('input', { attrs: { type: 'number', min: 1, max: 10000, step: 1, inputmode: 'numeric' } }), 'create.capacityHint');

  // Visibility as a radio group: each choice says who will see the space.
  const groupName = uid('vis');
  const legend = h('legend', { class: 'field-label', tx: 'create.visibility' });
  const visibility = h('fieldset', { class: 'field radio-group' }, legend);
  for (const v of VISIBILITIES) {
    const id = uid('vis');
    const radio = h('input', { id, attrs: { type: 'radio', name: groupName, value: v, checked: v === 'public' } });
    const hintId = `${id}-hint`;
    radio.setAttribute('aria-describedby', hintId);
    visibility.append(h('div', { class: 'radio' }, radio,
      h('label', { attrs: { for: id } }, h('span', { class: 'radio-title', tx: `visibility.${v}` as MessageKey }),
        h('span', { class: 'radio-hint', id: hintId, tx: `visibility.${v}.hint` as MessageKey }))));
  }

  const msg = formMessage();
  const cancel = h('button', { class: 'btn btn-ghost', attrs: { type: 'button' }, tx: 'create.cancel' });
  cancel.addEventListener('click', () => dialog.close());
  const form = h('form', { class: 'form', attrs: { novalidate: true } },
    name.root, description.root, h('div', { class: 'field-row' }, template.root, capacity.root), visibility, msg.el,
    h('div', { class: 'dialog-actions' }, cancel, h('button', { class: 'btn btn-primary', attrs: { type: 'submit' }, tx: 'create.submit' })));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const nameProblem = spaceNameProblem(name.input.value);
    const cap = parseCapacity(capacity.input.value);
    name.setError(nameProblem);
    capacity.setError(cap.ok ? null : cap.problem);
    msg.showKey(null);
    if (nameProblem !== null) return name.input.focus();
    if (!cap.ok) return capacity.input.focus();
    const vis = (form.querySelector<HTMLInputElement>(`input[name="${groupName}"]:checked`)?.value ?? 'public') as Visibility;
    setBusy(form, true);
    const body = {
      name: name.input.value.trim(),
      description: description.input.value.trim(),
      template: templateSelect.value,
      visibility: vis,
      ...(cap.value === undefined ? {} : { capacity: cap.value }),
    };
    api.createSpace(token(), body).then(
      (space) => {
        setBusy(form, false);
        dialog.close();
        form.reset();
        onCreated(space);
      },
      (err: unknown) => {
        setBusy(form, false);
        const r = readableApiError(err);
        const f = (err as { field?: unknown }).field;
        if (f === 'name') name.setError(r.key, r.params);
        else if (f === 'capacity') capacity.setError('validation.capacity');
        else msg.showKey(r.key, r.params);
      },
    );
  });
  dialog.body.append(form);
  return dialog;
}
