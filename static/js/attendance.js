// "Mark everyone not marked yet as ..." buttons of the attendance sheet.
document.querySelectorAll("[data-mark-all]").forEach(function (button) {
  button.addEventListener("click", function () {
    document.querySelectorAll("[data-testid=attendance-row]").forEach(function (row) {
      if (!row.querySelector("input[type=radio]:checked")) {
        row.querySelector("input[type=radio][value=" + button.dataset.markAll + "]").checked = true;
      }
    });
  });
});
