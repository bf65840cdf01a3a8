"""Keep a plan or a self-assessment: a button stores it in the store (components.store) and gives a private
link (`/recommendations?plan=ID`, `/self-assessment?assessment=ID`) that reopens it on any device. No
accounts: whoever holds the link can open it, nobody else. `payloads` is the plain logic; `view` draws."""
