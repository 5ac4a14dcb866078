// The console works without JavaScript; this only saves a click: a select marked data-autosubmit submits its form.
document.addEventListener('change', function (event) {
  var target = event.target;
  if (target.matches && target.matches('select[data-autosubmit]') && target.form) {
    target.form.submit();
  }
});
