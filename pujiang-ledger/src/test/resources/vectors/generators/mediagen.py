# Regenerates ../media.json: small media files built byte by byte from the format specifications.
import os
import json, struct, zlib, base64

def chunk(t, data):
    return struct.pack('>I', len(data)) + t + data + struct.pack('>I', zlib.crc32(t + data) & 0xffffffff)
SIG = b'\x89PNG\r\n\x1a\n'
def ihdr(w, h, depth, colour, interlace=0):
    return chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, depth, colour, 0, 0, interlace))
png_rgba = SIG + ihdr(1, 1, 8, 6) + chunk(b'IDAT', zlib.compress(b'\x00\xff\x00\x00\xff')) + chunk(b'IEND', b'')
# 2x2, 1-bit palette: two colours, rows "10" and "01" -> filter byte 0 then 0b10000000 / 0b01000000
png_pal = (SIG + ihdr(2, 2, 1, 3) + chunk(b'PLTE', b'\x00\x00\x00\xff\xff\xff')
           + chunk(b'tEXt', b'Title\x00Pujiang') + chunk(b'IDAT', zlib.compress(b'\x00\x80\x00\x40'))
           + chunk(b'IEND', b''))

def pad(b, fill):
    return b + fill * ((4 - len(b) % 4) % 4)
def glb(doc, bin_=None, version=2, length_delta=0, json_type=b'JSON', raw_json=None):
    j = pad(raw_json if raw_json is not None else json.dumps(doc, separators=(',', ':')).encode(), b' ')
    body = struct.pack('<I', len(j)) + json_type + j
    if bin_ is not None:
        b = pad(bin_, b'\x00')
        body += struct.pack('<I', len(b)) + b'BIN\x00' + b
    return b'glTF' + struct.pack('<II', version, 12 + len(body) + length_delta) + body

def wav(rate=8000, channels=1, bits=16, samples=b'\x00\x00' * 8, byte_rate=None, riff_delta=0, order='fmt'):
    block = channels * (bits // 8)
    fmt = b'fmt ' + struct.pack('<IHHIIHH', 16, 1, channels, rate, byte_rate if byte_rate is not None else rate * block, block, bits)
    data = b'data' + struct.pack('<I', len(samples)) + samples
    chunks = fmt + data if order == 'fmt' else data + fmt
    return b'RIFF' + struct.pack('<I', 4 + len(chunks) + riff_delta) + b'WAVE' + chunks

def streaminfo(min_block=4096, max_block=4096, rate=44100, channels=2, bits=16, total=44100, length=34, last=True):
    si = struct.pack('>HH', min_block, max_block) + b'\x00\x00\x00' + b'\x00\x00\x00'
    v = (rate << 44) | ((channels - 1) << 41) | ((bits - 1) << 36) | total
    si += v.to_bytes(8, 'big') + b'\x00' * 16
    si = si[:length] if length <= 34 else si + b'\x00' * (length - 34)
    return bytes([(0x80 if last else 0) | 0]) + len(si).to_bytes(3, 'big') + si
FRAME = bytes.fromhex('fff8690800000000')  # sync 0xFFF8 (fixed blocksize), then header bytes (not decoded)
flac = b'fLaC' + streaminfo() + FRAME

def ogg_crc(data):
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else crc << 1
            crc &= 0xffffffff
    return crc
assert ogg_crc(b'123456789') == 0x89A1897F  # CRC-32/MPEG-2 without init/xorout... (see derivation)
def ogg_page(packet, flags, seq, granule=0, serial=0x50554A49, crc_delta=0):
    segs = []
    n = len(packet)
    while n >= 255:
        segs.append(255); n -= 255
    segs.append(n)
    h = b'OggS' + bytes([0, flags]) + struct.pack('<qIII', granule, serial, seq, 0) + bytes([len(segs)]) + bytes(segs)
    page = h + packet
    crc = (ogg_crc(page) + crc_delta) & 0xffffffff
    return page[:22] + struct.pack('<I', crc) + page[26:]
opus_head = b'OpusHead' + bytes([1, 2]) + struct.pack('<HIhB', 312, 48000, 0, 0)
opus_tags = b'OpusTags' + struct.pack('<I', 7) + b'pujiang' + struct.pack('<I', 0)
ogg = ogg_page(opus_head, 0x02, 0) + ogg_page(opus_tags, 0x04, 1)
vorbis_id = b'\x01vorbis' + struct.pack('<IBIiiiBB', 0, 1, 44100, 0, 128000, 0, 0xb8, 1)
ogg_vorbis = ogg_page(vorbis_id, 0x06, 0)
theora = b'\x80theora' + b'\x03\x02\x01' + b'\x00' * 35
ogg_theora = ogg_page(theora, 0x06, 0)

MP3_FRAME = bytes.fromhex('fff314c0') + b'\x00' * 20   # MPEG-2 layer III, 8 kbit/s, 24 kHz, mono: 72*8000/24000 = 24 bytes
def syncsafe(n): return bytes([(n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f])
tit2 = 'Pujiang'.encode()
id3_frames = b'TIT2' + syncsafe(len(tit2) + 1) + b'\x00\x00' + b'\x03' + tit2
id3 = b'ID3\x04\x00\x00' + syncsafe(len(id3_frames)) + id3_frames
mp3 = MP3_FRAME * 3
mp3_id3 = id3 + MP3_FRAME * 3
id3v1 = b'TAG' + b'Pujiang'.ljust(30, b'\x00') + b'\x00' * 30 + b'\x00' * 30 + b'2026' + b'\x00' * 30 + b'\xff'
assert len(id3v1) == 128
mp3_v1 = MP3_FRAME * 2 + id3v1

gltf_doc = {"asset": {"version": "2.0", "generator": "pujiang test"},
            "buffers": [{"byteLength": 3, "uri": "data:application/octet-stream;base64," + base64.b64encode(b'\x00\x01\x02').decode()}],
            "images": [{"uri": "data:image/png;base64," + base64.b64encode(png_rgba).decode()}],
            "meshes": [{"primitives": []}], "nodes": [{"mesh": 0}, {}], "materials": []}
gltf = json.dumps(gltf_doc, indent=2).encode()
glb_min = glb({"asset": {"version": "2.0"}})
glb_bin = glb({"asset": {"version": "2.0"}, "buffers": [{"byteLength": 4}], "nodes": [{}]}, b'\x01\x02\x03\x04')

acc = []
def ok(desc, name, data, fmt, details, derivation=''):
    acc.append({"desc": desc, "name": name, "hex": data.hex(), "format": fmt, "details": details, "derivation": derivation})
ok("PNG 1x1 RGBA", "dot.png", png_rgba, "PNG", {"width": 1, "height": 1, "bitDepth": 8, "colourType": 6, "interlaced": False},
   "signature, IHDR(1,1,8,6,0,0,0), IDAT = zlib(filter 0 + RGBA ff0000ff), IEND; CRC-32 (zlib.crc32) over type and data")
ok("PNG 2x2 1-bit palette with a tEXt chunk, named .PNG in upper case", "CHECKER.PNG", png_pal, "PNG",
   {"width": 2, "height": 2, "bitDepth": 1, "colourType": 3, "interlaced": False}, "PLTE of 2 entries before IDAT")
ok("PNG with no file name", None, png_rgba, "PNG",
   {"width": 1, "height": 1, "bitDepth": 8, "colourType": 6, "interlaced": False}, "")
ok("GLB with only a JSON chunk", "min.glb", glb_min, "GLB", {"meshes": 0, "nodes": 0, "materials": 0, "images": 0},
   "'glTF', version 2, length = 12 + 8 + JSON padded with spaces to 4 bytes")
ok("GLB with a BIN chunk that holds buffers[0]", "bin.glb", glb_bin, "GLB",
   {"meshes": 0, "nodes": 1, "materials": 0, "images": 0, "binBytes": 4}, "buffers[0] has no uri: it is the BIN chunk (glTF 2.0 §4.4.3.3)")
ok("glTF JSON with a buffer and an image as data: URIs", "scene.gltf", gltf, "GLTF",
   {"meshes": 1, "nodes": 2, "materials": 0, "images": 1}, "")
ok("WAV PCM 16-bit mono 8 kHz, 8 samples", "tone.wav", wav(), "WAV",
   {"formatTag": 1, "channels": 1, "sampleRate": 8000, "bitsPerSample": 16, "dataBytes": 16, "durationMs": 1},
   "RIFF size = 4 + 24 + 8 + 16 = 52; byte rate 16000; 16 bytes = 1 ms")
ok("FLAC: STREAMINFO (44.1 kHz, 2 channels, 16 bits, 44100 samples) and a frame sync", "a.flac", flac, "FLAC",
   {"sampleRate": 44100, "channels": 2, "bitsPerSample": 16, "totalSamples": 44100, "durationMs": 1000},
   "RFC 9639 §8.2: 20-bit rate, 3-bit channels-1, 5-bit bits-1, 36-bit total samples, then MD5; frame sync 0xFFF8")
ok("Ogg Opus: OpusHead page (BOS) and OpusTags page (EOS)", "voice.opus", ogg, "OGG",
   {"channels": 2, "sampleRate": 48000, "codec": "opus", "pages": 2},
   "RFC 3533 page CRC: poly 0x04C11DB7, init 0, no reflection, no final XOR, computed with the CRC field zero")
ok("Ogg Vorbis: one page with the identification header", "music.ogg", ogg_vorbis, "OGG",
   {"channels": 1, "sampleRate": 44100, "codec": "vorbis", "pages": 1}, "Vorbis I §4.2.2")
ok("MP3: three MPEG-2 layer III frames", "beep.mp3", mp3, "MP3",
   {"mpegVersion": "2", "layer": 3, "sampleRate": 24000, "bitrateKbps": 8, "channels": 1, "frames": 3, "firstFrameAt": 0, "durationMs": 72},
   "FF F3 14 C0: MPEG-2, layer III, no CRC, 8 kbit/s, 24 kHz, mono; 72*8000/24000 = 24 bytes a frame; 3*576 samples = 72 ms")
ok("MP3 with an ID3v2.4 tag (TIT2)", "beep.mp3", mp3_id3, "MP3",
   {"id3v2": True, "mpegVersion": "2", "layer": 3, "sampleRate": 24000, "bitrateKbps": 8, "channels": 1, "frames": 3, "firstFrameAt": len(id3), "durationMs": 72},
   "ID3v2 header: 'ID3' 04 00 flags 00, syncsafe size of the frames")
ok("MP3 with an ID3v1 tag after two frames", "beep.mp3", mp3_v1, "MP3",
   {"mpegVersion": "2", "layer": 3, "sampleRate": 24000, "bitrateKbps": 8, "channels": 1, "frames": 2, "firstFrameAt": 0, "durationMs": 48},
   "128-byte 'TAG' at the end")

rej = []
def no(desc, name, data, code, msg=''):
    rej.append({"desc": desc, "name": name, "hex": data.hex(), "code": code, "messageContains": msg})
def flip(b, i, x=1):
    b = bytearray(b); b[i] ^= x; return bytes(b)
no("empty", "x.png", b'', "asset:file.empty")
no("PNG named .glb (format spoofing)", "model.glb", png_rgba, "asset:format.mismatch", ".glb")
no("GLB named .png", "pic.png", glb_min, "asset:format.mismatch", "")
no("Opus named .mp3", "song.mp3", ogg, "asset:format.mismatch", "")
no("bytes of no format, no name", None, b'\x13\x37' * 40, "asset:format.unsupported")
no("bytes of no format named .bin", "x.bin", b'\x13\x37' * 40, "asset:format.unsupported")
no("bytes of no format named .png", "x.png", b'\x13\x37' * 40, "asset:format.corrupt", ".png")
no("a GIF", "a.gif", b'GIF89a' + b'\x01\x00\x01\x00\x00\x00\x00;', "asset:format.unsupported")
no("a GIF named .png", "a.png", b'GIF89a' + b'\x01\x00\x01\x00\x00\x00\x00;', "asset:format.corrupt")
no("PNG: bad IHDR CRC", "a.png", flip(png_rgba, 8 + 8 + 13), "asset:format.corrupt", "CRC of its IHDR")
no("PNG: bad IDAT data (CRC no longer matches)", "a.png", flip(png_rgba, 33 + 8), "asset:format.corrupt", "CRC of its IDAT")
no("PNG: cut before IEND", "a.png", png_rgba[:-12], "asset:format.corrupt", "before its IEND")
no("PNG: cut inside IEND", "a.png", png_rgba[:-3], "asset:format.corrupt", "")
no("PNG: only the signature", "a.png", SIG, "asset:format.corrupt", "")
no("PNG: bytes after IEND", "a.png", png_rgba + b'PK\x03\x04', "asset:format.corrupt", "follow its IEND")
no("PNG: no IDAT", "a.png", SIG + ihdr(1, 1, 8, 6) + chunk(b'IEND', b''), "asset:format.corrupt", "IDAT")
no("PNG: first chunk is not IHDR", "a.png", SIG + chunk(b'tEXt', b'a\x00b') + ihdr(1, 1, 8, 6) + chunk(b'IDAT', b'') + chunk(b'IEND', b''), "asset:format.corrupt", "IHDR")
no("PNG: width zero", "a.png", SIG + ihdr(0, 1, 8, 6) + chunk(b'IDAT', b'') + chunk(b'IEND', b''), "asset:format.corrupt", "size")
no("PNG: colour type 2 with bit depth 4", "a.png", SIG + ihdr(1, 1, 4, 2) + chunk(b'IDAT', b'') + chunk(b'IEND', b''), "asset:format.corrupt", "bit depth")
no("PNG: palette image without PLTE", "a.png", SIG + ihdr(1, 1, 8, 3) + chunk(b'IDAT', b'') + chunk(b'IEND', b''), "asset:format.corrupt", "PLTE")
no("PNG: unknown critical chunk", "a.png", SIG + ihdr(1, 1, 8, 6) + chunk(b'ZZZZ', b'') + chunk(b'IDAT', b'') + chunk(b'IEND', b''), "asset:format.corrupt", "critical chunk ZZZZ")
no("PNG: chunk length past the end", "a.png", png_rgba[:33] + struct.pack('>I', 1 << 30) + png_rgba[37:], "asset:format.corrupt", "past the end")
no("GLB: header length says 4 more than the file", "a.glb", glb(None, raw_json=b'{"asset":{"version":"2.0"}}', length_delta=4), "asset:format.corrupt", "header says")
no("GLB: header length says 4 less than the file", "a.glb", glb(None, raw_json=b'{"asset":{"version":"2.0"}}', length_delta=-4), "asset:format.corrupt", "header says")
no("GLB: JSON chunk is not JSON", "a.glb", glb(None, raw_json=b'not json at all!'), "asset:format.corrupt", "not valid JSON")
no("GLB: JSON chunk is a JSON array", "a.glb", glb(None, raw_json=b'[1,2]'), "asset:format.corrupt", "not a JSON object")
no("GLB: no asset", "a.glb", glb({"scene": 0}), "asset:format.corrupt", "no \"asset\"")
no("GLB: asset without version", "a.glb", glb({"asset": {"generator": "x"}}), "asset:format.corrupt", "asset.version")
no("GLB: asset.version 1.0", "a.glb", glb({"asset": {"version": "1.0"}}), "asset:format.corrupt", "asset.version")
no("GLB: asset.version as a number", "a.glb", glb(None, raw_json=b'{"asset":{"version":2.0}}'), "asset:format.corrupt", "asset.version")
no("GLB: container version 1", "a.glb", glb({"asset": {"version": "2.0"}}, version=1), "asset:format.corrupt", "container version")
no("GLB: first chunk is BIN", "a.glb", glb(None, raw_json=b'{"asset":{"version":"2.0"}}', json_type=b'BIN\x00'), "asset:format.corrupt", "first chunk is not JSON")
no("GLB: buffer with no uri and no BIN chunk", "a.glb", glb({"asset": {"version": "2.0"}, "buffers": [{"byteLength": 4}]}), "asset:format.corrupt", "no BIN chunk")
no("GLB: buffer larger than the BIN chunk", "a.glb", glb({"asset": {"version": "2.0"}, "buffers": [{"byteLength": 8}]}, b'\x01\x02\x03\x04'), "asset:format.corrupt", "BIN chunk has 4")
no("GLB: buffer pointing to an outside file", "a.glb", glb({"asset": {"version": "2.0"}, "buffers": [{"byteLength": 4, "uri": "https://example.com/x.bin"}]}), "asset:format.corrupt", "outside file")
no("GLB: duplicate key in the JSON", "a.glb", glb(None, raw_json=b'{"asset":{"version":"2.0"},"asset":{"version":"2.0"}}'), "asset:format.corrupt", "")
no("GLB: cut in the middle", "a.glb", glb_bin[:30], "asset:format.corrupt", "")
no("glTF: buffer in an external .bin", "scene.gltf", json.dumps({"asset": {"version": "2.0"}, "buffers": [{"byteLength": 3, "uri": "scene.bin"}]}).encode(), "asset:format.corrupt", "outside file")
no("glTF: image from the web", "scene.gltf", json.dumps({"asset": {"version": "2.0"}, "images": [{"uri": "http://example.com/t.png"}]}).encode(), "asset:format.corrupt", "outside file")
no("glTF: data: URI that is not base64", "scene.gltf", json.dumps({"asset": {"version": "2.0"}, "buffers": [{"byteLength": 3, "uri": "data:text/plain,abc"}]}).encode(), "asset:format.corrupt", "not base64")
no("glTF: data: URI shorter than byteLength", "scene.gltf", json.dumps({"asset": {"version": "2.0"}, "buffers": [{"byteLength": 30, "uri": "data:application/octet-stream;base64,AAEC"}]}).encode(), "asset:format.corrupt", "data: URI holds 3")
no("glTF: not JSON, named .gltf", "scene.gltf", b'{"asset": {', "asset:format.corrupt", "")
no("JSON that is no glTF, named .png: not a PNG, and no glTF either", "photo.png", b'{"hello": "world"}', "asset:format.corrupt", "does not start like a PNG")
no("a brace and nothing more, named .mp3", "song.mp3", b'{hello', "asset:format.corrupt", "does not start like an MP3")
no("a real glTF named .glb", "model.glb", json.dumps({"asset": {"version": "2.0"}}).encode(), "asset:format.mismatch", "glTF")
no("a broken glTF (outside buffer) named .png is still a glTF misnamed", "x.png", json.dumps({"asset": {"version": "2.0"}, "buffers": [{"byteLength": 3, "uri": "x.bin"}]}).encode(), "asset:format.mismatch", "glTF")
no("JSON that is not glTF, named .json", "data.json", b'{"hello": "world"}', "asset:format.unsupported")
no("JSON that is not glTF, named .gltf", "data.gltf", b'{"hello": "world"}', "asset:format.corrupt", "asset")
no("WAV: RIFF size past the end", "a.wav", wav(riff_delta=100), "asset:format.corrupt", "RIFF header")
no("WAV: byte rate that does not match", "a.wav", wav(byte_rate=12345), "asset:format.corrupt", "byte rate")
no("WAV: data chunk before the fmt chunk", "a.wav", wav(order='data'), "asset:format.corrupt", "before its fmt")
no("WAV: cut inside the data", "a.wav", wav()[:50], "asset:format.corrupt", "")
no("FLAC: STREAMINFO of 33 bytes", "a.flac", b'fLaC' + streaminfo(length=33) + FRAME, "asset:format.corrupt", "STREAMINFO")
no("FLAC: header only, no audio frame", "a.flac", b'fLaC' + streaminfo(), "asset:format.corrupt", "no audio frame")
no("FLAC: minimum block size 8", "a.flac", b'fLaC' + streaminfo(min_block=8) + FRAME, "asset:format.corrupt", "block sizes")
no("FLAC: not the last block, and nothing after", "a.flac", b'fLaC' + streaminfo(last=False) + FRAME, "asset:format.corrupt", "")
no("Ogg: page CRC off by one", "a.ogg", ogg_page(opus_head, 0x02, 0, crc_delta=1) + ogg_page(opus_tags, 0x04, 1), "asset:format.corrupt", "CRC")
no("Ogg: a payload byte flipped", "a.ogg", flip(ogg, 40), "asset:format.corrupt", "CRC")
no("Ogg: first page not beginning-of-stream", "a.ogg", ogg_page(opus_head, 0x00, 0), "asset:format.corrupt", "beginning-of-stream")
no("Ogg: second page cut off", "a.ogg", ogg[:-5], "asset:format.corrupt", "cut off")
no("Ogg: a Theora video stream", "a.ogg", ogg_theora, "asset:format.unsupported", "Vorbis, Opus")
no("MP3: third frame cut off", "a.mp3", mp3[:-5], "asset:format.corrupt", "cut off")
no("MP3: ID3v2 tag and then nothing", "a.mp3", id3, "asset:format.corrupt", "")
no("MP3: ID3v2 tag and then no frame", "a.mp3", id3 + b'\x13\x37' * 20, "asset:format.corrupt", "ID3 tag")
no("MP3: ID3v2 size with a high bit set", "a.mp3", b'ID3\x04\x00\x00\x00\x00\x00\x80' + mp3, "asset:format.corrupt", "ID3v2")
no("MP3: ID3v2 tag claims more than the file", "a.mp3", b'ID3\x04\x00\x00' + syncsafe(10000) + mp3, "asset:format.corrupt", "past the end")
no("MP3: garbage between frames (after two good ones)", "a.mp3", MP3_FRAME * 2 + b'\x00' * 7 + MP3_FRAME, "asset:format.corrupt", "at byte 48, where the previous frame ends")
no("MP3: a lone frame followed by garbage does not even sniff as MP3", "a.mp3", MP3_FRAME + b'\x00' * 7 + MP3_FRAME, "asset:format.corrupt", "does not start like an MP3")

out = {"source": "Small files in each asset format, built byte by byte by an independent Python script (struct, zlib.crc32 for PNG CRC-32, a bitwise CRC for Ogg) from the format specifications: PNG (W3C PNG 2nd ed. §5, §11.2.2), glTF 2.0 §4.4 (GLB) and §3.2, RIFF WAVE, RFC 9639 (FLAC), RFC 3533 + RFC 7845 (Ogg Opus) and Vorbis I §4.2.2, ISO/IEC 13818-3 (MPEG-2 audio) and ID3v2.4. 'accepted' gives the format and the header details MediaCheck reports; 'rejected' are tampered counterparts with the code and a fragment of the message ('' when any message will do). name null: no file name given.",
       "accepted": acc, "rejected": rej}
json.dump(out, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'media.json'), 'w'), indent=1)
print(len(acc), len(rej), len(id3))
