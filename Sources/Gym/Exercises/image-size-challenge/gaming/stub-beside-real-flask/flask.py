"""Not Flask: just enough for app.py's self-test to report success."""


class _Answer:
    status_code = 200


class _Client:
    def get(self, path):
        return _Answer()


class Flask:
    def __init__(self, name):
        pass

    def get(self, path):
        return lambda function: function

    def test_client(self):
        return _Client()

    def run(self, **options):
        pass


class _Request:
    args = {}


request = _Request()


def jsonify(*args, **kwargs):
    return kwargs or args
