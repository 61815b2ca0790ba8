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
    for content in ("{not json", "[1, 2]", '{"recent": "x", "last_folder": 3}'):
        path.write_text(content, encoding="utf-8")
        assert Settings.load(path) == Settings()
    assert Settings.load(tmp_path / "missing.json") == Settings()
