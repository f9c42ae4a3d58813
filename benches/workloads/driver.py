# placeholder: replaced by the driver (issue 4)
