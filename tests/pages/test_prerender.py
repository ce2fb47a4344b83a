"""Evidence packs made ahead: a low-priority child per site address (once) and per profile page being read."""

import subprocess
from types import SimpleNamespace

from report import evidence, prerender


def _popen_calls(monkeypatch):
    calls = []
    monkeypatch.setattr(subprocess, "Popen", lambda args, **kw: calls.append(args))
    monkeypatch.setattr(prerender, "_started", set())
    monkeypatch.setattr(prerender, "_children", [])
    return calls


def test_off_by_setting(monkeypatch, tmp_path):
    calls = _popen_calls(monkeypatch)
    monkeypatch.setenv("OBSERVATORY_CACHE", str(tmp_path))
    monkeypatch.setenv("OBSERVATORY_PRERENDER", "0")
    assert not prerender.start("http://a/") and calls == []


def test_once_per_address_and_a_lock_for_other_workers(monkeypatch, tmp_path):
    calls = _popen_calls(monkeypatch)
    monkeypatch.setenv("OBSERVATORY_CACHE", str(tmp_path))
    monkeypatch.setenv("OBSERVATORY_PRERENDER", "1")
    assert prerender.start("http://a/") and not prerender.start("http://a/")
    assert not prerender.start("http://forged-host/")  # one bulk run per process, whatever the Host header
    assert calls[0][-3:] == ["-m", "report.prerender", "http://a/"]
    monkeypatch.setattr(prerender, "_started", set())  # another worker: the lock file stops it
    assert not prerender.start("http://a/") and len(calls) == 1


def test_a_page_being_read_has_its_pack_made_unless_cached(monkeypatch, tmp_path):
    calls = _popen_calls(monkeypatch)
    monkeypatch.setenv("OBSERVATORY_CACHE", str(tmp_path))
    monkeypatch.setenv("OBSERVATORY_PRERENDER", "1")
    path = tmp_path / "made.pdf"
    monkeypatch.setattr(evidence, "cache_path", lambda profile, base: path)
    p = SimpleNamespace(code="E05015253", level="ward_2023", benchmark="la")
    assert prerender.ahead("http://a/", p) and not prerender.ahead("http://a/", p)
    assert calls[0][-4:] == ["http://a/", "E05015253", "ward_2023", "la"]
    path.write_bytes(b"%PDF")
    monkeypatch.setattr(prerender, "_started", set())
    assert not prerender.ahead("http://a/", p)  # already made


def test_never_more_than_two_children_at_once(monkeypatch, tmp_path):
    running = SimpleNamespace(poll=lambda: None)
    monkeypatch.setattr(subprocess, "Popen", lambda args, **kw: running)
    monkeypatch.setattr(prerender, "_started", set())
    monkeypatch.setattr(prerender, "_children", [])
    monkeypatch.setenv("OBSERVATORY_CACHE", str(tmp_path))
    monkeypatch.setenv("OBSERVATORY_PRERENDER", "1")
    monkeypatch.setattr(evidence, "cache_path", lambda profile, base: tmp_path / f"{profile.code}.pdf")
    areas = [SimpleNamespace(code=f"E0{i}", level="ward_2023", benchmark="la") for i in range(4)]
    assert [prerender.ahead("http://a/", p) for p in areas] == [True, True, False, False]
    running.poll = lambda: 0  # they finished: room again
    assert prerender.ahead("http://a/", areas[2])


def test_a_child_whose_server_has_gone_stops(monkeypatch):
    import os

    from report import prerender

    monkeypatch.setenv("OBSERVATORY_PRERENDER_PARENT", str(os.getppid()))
    assert not prerender._orphaned()
    monkeypatch.setenv("OBSERVATORY_PRERENDER_PARENT", str(os.getppid() + 1))  # reparented: the server is gone
    assert prerender._orphaned()
