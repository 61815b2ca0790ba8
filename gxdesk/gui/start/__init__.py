"""The start page: the first screen when no report is open (新建, 打开, 最近打开, 从上年报告开始, 查看示例, 汇总)."""
