// Progressive enhancement: without script the language form has its own button.
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("language-switch");
    const select = document.getElementById("culture");
    if (form && select) {
        select.addEventListener("change", () => form.submit());
    }
});
