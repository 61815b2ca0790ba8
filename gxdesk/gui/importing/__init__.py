"""导入已发布的报告: the dialog, and opening the result or using it as last year's."""
