from gxdesk.settings import MAX_RECENT, Settings


def test_recent_files_round_trip_most_recent_first(tmp_path):
    path = tmp_path / "conf" / "settings.json"
    settings = Settings()
    for i in range(MAX_RECENT + 2):
        settings.add_recent(tmp_path / f"r{i}.gxr")
    settings.add_recent(tmp_path / "r3.gxr")
    settings.save(path)
    loaded = Settings.load(path)
    assert loaded.recent[0] == str(tmp_path / "r3.gxr")
    assert len(loaded.recent) == MAX_RECENT and len(set(loaded.recent)) == MAX_RECENT
    assert loaded.last_folder == str(tmp_path)


def test_a_damaged_settings_file_gives_defaults(tmp_path):
    path = tmp_path / "settings.json"
    for content in ("{not json", "[1, 2]", '{"recent": "x", "last_folder": 3}',
                    '{"font_dir": ["x"], "seal": "yes", "export_folder": null}'):
        path.write_text(content, encoding="utf-8")
        assert Settings.load(path) == Settings()
    assert Settings.load(tmp_path / "missing.json") == Settings()


def test_output_choices_round_trip(tmp_path):
    path = tmp_path / "settings.json"
    settings = Settings(font_dir=str(tmp_path / "字体"), seal=True, export_folder=str(tmp_path / "out"))
    settings.add_recent(tmp_path / "a.gxr")
    settings.save(path)
    assert Settings.load(path) == settings
    # A file written before these choices existed still loads, with the defaults for them.
    path.write_text('{"recent": [], "last_folder": "C:/报告"}', encoding="utf-8")
    assert Settings.load(path) == Settings(last_folder="C:/报告")
