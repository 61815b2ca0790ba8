"""帮助 → 使用说明 (F1): the guide shipped as ui/help/guide.md, a file users may edit."""
