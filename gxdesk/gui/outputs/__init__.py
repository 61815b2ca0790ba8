"""What leaves the window: 导出 Word / PDF, 打印, and the font and seal settings they use."""
