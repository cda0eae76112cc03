/** What a text field holds, from its input event. */
export const inputValue = (e: Event): string => (e.target as HTMLInputElement).value;
