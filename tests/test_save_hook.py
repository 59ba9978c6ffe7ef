"""`make lab` saves notebooks without live widget views: a real Jupyter server with the project's config."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat

from book_ext.notebooks import PLOTLY_MIME, WIDGET_MIME
from conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_saving_from_jupyterlab_strips_widget_views(tmp_path):
    port, token = free_port(), "test-token"
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp_path}",
         f"--config={ROOT / 'lab_config.py'}"] + (["--allow-root"] if os.getuid() == 0 else []),
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        nb = nbformat.v4.new_notebook(metadata={"widgets": {"state": {}}}, cells=[nbformat.v4.new_code_cell(
            "x", execution_count=1, outputs=[nbformat.v4.new_output(
                "execute_result", execution_count=1,
                data={WIDGET_MIME: {"model_id": "abc"}, PLOTLY_MIME: {"data": [], "layout": {}},
                      "text/plain": "Interactive figure."})])])
        body = json.dumps({"type": "notebook", "content": nb}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/contents/saved.ipynb", data=body,
                                         method="PUT", headers={"Authorization": f"token {token}"})
        for _ in range(100):
            try:
                urllib.request.urlopen(request, timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        saved = json.loads((tmp_path / "saved.ipynb").read_text())
        data = saved["cells"][0]["outputs"][0]["data"]
        assert WIDGET_MIME not in data and PLOTLY_MIME in data
        assert "widgets" not in saved["metadata"]
    finally:
        server.terminate()
        server.wait(10)
