// Refuses a file over the size limit before it is uploaded. The limit and the message come from the
// page (data-max-bytes, data-too-large), rendered from the server's configuration; the server still
// checks every upload. Without script the server's answer says the same.
(() => {
    document.addEventListener('change', event => {
        const input = event.target;
        if (!(input instanceof HTMLInputElement) || input.type !== 'file' || !input.dataset.maxBytes) {
            return;
        }

        const limit = Number(input.dataset.maxBytes);
        const tooLarge = Array.from(input.files || []).some(file => file.size > limit);
        input.setCustomValidity(tooLarge ? input.dataset.tooLarge || '' : '');
        input.setAttribute('aria-invalid', tooLarge ? 'true' : 'false');
        if (tooLarge) {
            input.reportValidity();
        }
    });
})();
