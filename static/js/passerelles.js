// Behaviour shared by every page, kept out of the templates so that the Content-Security-Policy
// allows no inline script.

// <form data-confirm="Question?">: asks before submitting.
document.addEventListener("submit", function (event) {
  var question = event.target.dataset ? event.target.dataset.confirm : null;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
