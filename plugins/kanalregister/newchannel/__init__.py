"""newchannel"""
