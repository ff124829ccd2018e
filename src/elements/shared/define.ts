/** Registers a tag once: a second bundle (or a hot reload) defining the same tag must not throw. */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}
